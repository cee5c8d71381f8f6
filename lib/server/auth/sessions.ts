import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { env } from "@/lib/env";
import type { SessionInfo } from "@/lib/model/team";
import { isRole, type Role } from "@/lib/model/plain/roles";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";
import { describeUserAgent } from "./request";
import { openSession } from "./session";

/**
 * Server-side sessions. A sign-in creates a row; the cookie names it. Each request
 * finds the row (cached for a moment, see CACHE_MS) and checks the idle timeout
 * (TOUCHLINE_SESSION_IDLE_DAYS since last seen), the absolute end
 * (TOUCHLINE_SESSION_MAX_DAYS since sign-in) and that the user is still active.
 */

/**
 * How long one process trusts a session it looked up. Ending a session in this process
 * drops it from the cache at once; another instance notices within this time, which keeps
 * "deactivated users are out within a second" true across instances.
 */
const CACHE_MS = 500;
/** Last-seen times are written at most this often per session (reads stay cheap). */
const TOUCH_MS = 60_000;

export interface ActiveSession {
  sessionId: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
}

interface Cached {
  at: number;
  value: ActiveSession | null;
}
const holder = globalThis as unknown as { __touchlineSessions?: Map<string, Cached> };
const cache = (holder.__touchlineSessions ??= new Map());

const days = (n: number) => sql.raw(`interval '${Math.round(n * 86400)} seconds'`);

export async function createSession(
  db: Db,
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null } = {},
): Promise<string> {
  const id = newId("ses");
  await db.insert(t.sessions).values({
    id,
    userId,
    expiresAt: sql`now() + ${days(env().TOUCHLINE_SESSION_MAX_DAYS)}`,
    userAgent: meta.userAgent?.slice(0, 400) ?? null,
    ip: meta.ip?.slice(0, 100) ?? null,
  });
  return id;
}

/** The live session a cookie names, or null (bad cookie, ended, timed out, user deactivated or gone). */
export async function sessionFromCookie(db: Db, cookie: string | null | undefined): Promise<ActiveSession | null> {
  const claims = await openSession(cookie);
  if (!claims) return null;
  const hit = cache.get(claims.sessionId);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit.value && hit.value.userId === claims.userId ? hit.value : null;
  const e = env();
  const [row] = await db
    .select({
      sessionId: t.sessions.id,
      userId: t.users.id,
      email: t.users.email,
      name: t.users.name,
      role: t.users.role,
      stale: sql<boolean>`${t.sessions.lastSeenAt} < now() - ${sql.raw(`interval '${TOUCH_MS / 1000} seconds'`)}`,
    })
    .from(t.sessions)
    .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
    .where(
      and(
        eq(t.sessions.id, claims.sessionId),
        eq(t.users.active, true),
        sql`${t.sessions.expiresAt} > now()`,
        sql`${t.sessions.lastSeenAt} > now() - ${days(e.TOUCHLINE_SESSION_IDLE_DAYS)}`,
      ),
    );
  const value: ActiveSession | null =
    row && row.userId === claims.userId && isRole(row.role)
      ? { sessionId: row.sessionId, userId: row.userId, email: row.email, name: row.name, role: row.role }
      : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(claims.sessionId, { at: now, value });
  if (row?.stale)
    void db
      .update(t.sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(t.sessions.id, claims.sessionId))
      .catch(() => {});
  return value;
}

/** Forget cached lookups (after ending sessions), so this process sees the change at once. */
export function forgetSessions(ids?: string[]): void {
  if (!ids) cache.clear();
  else for (const id of ids) cache.delete(id);
}

export async function listSessions(db: Db, userId: string, currentId: string | null): Promise<SessionInfo[]> {
  const e = env();
  const rows = await db
    .select()
    .from(t.sessions)
    .where(
      and(
        eq(t.sessions.userId, userId),
        sql`${t.sessions.expiresAt} > now()`,
        sql`${t.sessions.lastSeenAt} > now() - ${days(e.TOUCHLINE_SESSION_IDLE_DAYS)}`,
      ),
    )
    .orderBy(sql`${t.sessions.lastSeenAt} desc`, t.sessions.id);
  return rows.map((r) => ({
    id: r.id,
    current: r.id === currentId,
    createdAt: new Date(r.createdAt).toISOString(),
    lastSeenAt: new Date(r.lastSeenAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
    userAgent: r.userAgent,
    browser: describeUserAgent(r.userAgent),
    ip: r.ip,
  }));
}

/** Ends one of the user's sessions; false when it is not theirs or already over. */
export async function endSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const gone = await db
    .delete(t.sessions)
    .where(and(eq(t.sessions.id, sessionId), eq(t.sessions.userId, userId)))
    .returning({ id: t.sessions.id });
  forgetSessions(gone.map((g) => g.id));
  return gone.length > 0;
}

/** Ends every session of a user, but `keep` (the caller's own) when given. Returns how many ended. */
export async function endUserSessions(db: Db, userId: string, keep?: string | null): Promise<number> {
  const gone = await db
    .delete(t.sessions)
    .where(keep ? and(eq(t.sessions.userId, userId), ne(t.sessions.id, keep)) : eq(t.sessions.userId, userId))
    .returning({ id: t.sessions.id });
  forgetSessions(gone.map((g) => g.id));
  return gone.length;
}

/** Removes sessions past their end (called now and then; an ended session is refused anyway). */
export async function purgeEndedSessions(db: Db): Promise<void> {
  const e = env();
  await db
    .delete(t.sessions)
    .where(
      sql`${t.sessions.expiresAt} <= now() or ${t.sessions.lastSeenAt} <= now() - ${days(e.TOUCHLINE_SESSION_IDLE_DAYS)}`,
    );
}
