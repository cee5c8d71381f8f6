import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { env } from "@/lib/env";
import type { Invite } from "@/lib/model/team";
import type { AssignableRole, Role } from "@/lib/model/plain/roles";
import { isHttps, requestHost } from "../auth/request";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";

/**
 * One-time links — an invitation to join with a role, or a password reset for one user.
 * The link carries 32 random bytes; only their SHA-256 is stored. A link works once
 * (claimed atomically) and until it expires. No email server is needed: an admin copies
 * the link and hands it over.
 */
export type LinkKind = "invite" | "password_reset";

const hashLink = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");
const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

/** Where people open Touchline: TOUCHLINE_PUBLIC_URL, else the (allowed) host this request came to. */
export function publicOrigin(req: Parameters<typeof requestHost>[0]): string {
  const configured = env().TOUCHLINE_PUBLIC_URL;
  return configured ? new URL(configured).origin : `${isHttps(req) ? "https" : "http"}://${requestHost(req)}`;
}

export async function createLink(
  db: Db,
  kind: LinkKind,
  opts: { role?: AssignableRole; userId?: string; createdBy: string; expiresInDays: number },
): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const id = newId(kind === "invite" ? "inv" : "rst");
  const [row] = await db
    .insert(t.oneTimeLinks)
    .values({
      id,
      kind,
      tokenHash: hashLink(token),
      role: opts.role ?? null,
      userId: opts.userId ?? null,
      createdBy: opts.createdBy,
      expiresAt: sql`now() + ${sql.raw(`interval '${Math.round(opts.expiresInDays * 86400)} seconds'`)}`,
    })
    .returning({ expiresAt: t.oneTimeLinks.expiresAt });
  return { id, token, expiresAt: new Date(row!.expiresAt).toISOString() };
}

export interface OpenLink {
  id: string;
  kind: LinkKind;
  role: Role | null;
  userId: string | null;
  expiresAt: string;
}

const live = (kind: LinkKind, token: string) =>
  and(
    eq(t.oneTimeLinks.kind, kind),
    eq(t.oneTimeLinks.tokenHash, hashLink(token)),
    isNull(t.oneTimeLinks.usedAt),
    gt(t.oneTimeLinks.expiresAt, sql`now()`),
  );

const openLink = (row: typeof t.oneTimeLinks.$inferSelect, kind: LinkKind): OpenLink => ({
  id: row.id,
  kind,
  role: row.role as Role | null,
  userId: row.userId,
  expiresAt: new Date(row.expiresAt).toISOString(),
});

/** An unused, unexpired link, or null. */
export async function findLink(db: Db, kind: LinkKind, token: string): Promise<OpenLink | null> {
  if (token.length > 200) return null;
  const [row] = await db.select().from(t.oneTimeLinks).where(live(kind, token));
  return row ? openLink(row, kind) : null;
}

/** Marks a link used, once: of two concurrent claims one gets the link, the other null. */
export async function claimLink(tx: Db, kind: LinkKind, token: string, usedBy: string): Promise<OpenLink | null> {
  const [row] = await tx
    .update(t.oneTimeLinks)
    .set({ usedAt: sql`now()`, usedBy })
    .where(live(kind, token))
    .returning();
  return row ? openLink(row, kind) : null;
}

export async function listInvites(db: Db): Promise<Invite[]> {
  const rows = await db
    .select()
    .from(t.oneTimeLinks)
    .where(eq(t.oneTimeLinks.kind, "invite"))
    .orderBy(desc(t.oneTimeLinks.createdAt), t.oneTimeLinks.id)
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    role: (r.role ?? "viewer") as Role,
    createdBy: r.createdBy,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
    usedAt: iso(r.usedAt),
    usedBy: r.usedBy,
  }));
}

/** Deletes an unused invitation; false when there is none with that id. */
export async function revokeInvite(db: Db, id: string): Promise<boolean> {
  const gone = await db
    .delete(t.oneTimeLinks)
    .where(and(eq(t.oneTimeLinks.id, id), eq(t.oneTimeLinks.kind, "invite")))
    .returning({ id: t.oneTimeLinks.id });
  return gone.length > 0;
}
