import "server-only";
import { inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../store/db";
import * as t from "../store/schema";

/**
 * Sign-in throttling in the store (so it holds across instances): failures are counted
 * per key — the email tried, and the client address — within a 15-minute window.
 * Reaching the limit locks the key for 15 minutes: every attempt, even with the right
 * password, answers 429 with Retry-After until then.
 */
export const THROTTLE_WINDOW_SECONDS = 15 * 60;
export const LIMITS = { email: 5, address: 30 } as const;

export type ThrottleKey = { key: string; limit: number };

export const throttleKeys = (email: string, address: string): ThrottleKey[] => [
  { key: `email:${email.trim().toLowerCase()}`, limit: LIMITS.email },
  { key: `addr:${address}`, limit: LIMITS.address },
];

/** Seconds until the longest lock among `keys` ends, or 0 when none is locked. */
export async function lockedFor(db: Db, keys: ThrottleKey[]): Promise<number> {
  const rows = await queryRows<{ seconds: number | null }>(
    db,
    sql`select ceil(extract(epoch from max(${t.loginAttempts.lockedUntil}) - now()))::int as seconds
        from ${t.loginAttempts}
        where ${inArray(
          t.loginAttempts.key,
          keys.map((k) => k.key),
        )} and ${t.loginAttempts.lockedUntil} > now()`,
  );
  return Math.max(0, rows[0]?.seconds ?? 0);
}

/** Counts one failure against each key (a new window when the last one is over); locks a key that reaches its limit. */
export async function recordFailure(db: Db, keys: ThrottleKey[]): Promise<void> {
  const window = sql.raw(`interval '${THROTTLE_WINDOW_SECONDS} seconds'`);
  for (const { key, limit } of keys) {
    const stale = sql`${t.loginAttempts.firstFailureAt} < now() - ${window}`;
    const next = sql`case when ${stale} then 1 else ${t.loginAttempts.failures} + 1 end`;
    await db
      .insert(t.loginAttempts)
      .values({ key, failures: 1, lockedUntil: limit <= 1 ? sql`now() + ${window}` : null })
      .onConflictDoUpdate({
        target: t.loginAttempts.key,
        set: {
          failures: next,
          firstFailureAt: sql`case when ${stale} then now() else ${t.loginAttempts.firstFailureAt} end`,
          lockedUntil: sql`case when ${next} >= ${limit} then now() + ${window} else ${t.loginAttempts.lockedUntil} end`,
        },
      });
  }
}

export async function clearFailures(db: Db, keys: ThrottleKey[]): Promise<void> {
  await db.delete(t.loginAttempts).where(
    inArray(
      t.loginAttempts.key,
      keys.map((k) => k.key),
    ),
  );
}
