import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";
import { hashPassword } from "./password";

export type UserRow = typeof t.users.$inferSelect;

export const normaliseLoginEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(t.users)
    .where(eq(t.users.email, normaliseLoginEmail(email)));
  return row ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(t.users).where(eq(t.users.id, id));
  return row ?? null;
}

export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(t.users)
    .limit(1);
  return !!row;
}

/**
 * Creates the first admin — the owner — only while there is no user at all. Concurrent callers (two
 * setup forms, two instances starting with TOUCHLINE_ADMIN_*) cannot both win: the
 * insert is conditional on an empty table, serialised by an advisory transaction lock.
 * Returns the new user, or null when a user already exists.
 */
export async function createFirstAdmin(
  db: Db,
  email: string,
  password: string,
  name?: string | null,
): Promise<UserRow | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('touchline:first-admin', 0))`);
    const [existing] = await tx.select({ id: t.users.id }).from(t.users).limit(1);
    if (existing) return null;
    const [row] = await tx
      .insert(t.users)
      .values({ id: newId("usr"), email: normaliseLoginEmail(email), passwordHash, role: "owner", name: name || null })
      .returning();
    await tx.insert(t.auditLog).values({ actor: row!.email, event: "admin_created", detail: {} });
    return row ?? null;
  });
}
