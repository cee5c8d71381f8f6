import "server-only";
import { inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../store/db";
import * as t from "../store/schema";

/**
 * Sign-in throttling in the store (so it holds across instances). Every attempt is
 * counted BEFORE its password is checked, in one statement (insert-or-increment returning
 * the count), so concurrent attempts cannot slip past the limit: of 50 simultaneous
 * guesses for one email, 5 are checked and 45 answer 429.
 *
 * Keys, each with its own budget per 15-minute window:
 * - the email tried (5), or — when the address has signed in to that account before —
 *   the email from that address (5): someone else's guesses cannot keep the owner out of
 *   their usual place;
 * - the client address (30), the socket address or a trusted proxy's (never a header the
 *   client chose), whatever email it tries.
 * Over budget, the answer is 429 with Retry-After until the window ends (the back-off);
 * then the right password works again. Rows of windows that ended are purged.
 */
export const THROTTLE_WINDOW_SECONDS = 15 * 60;
export const LIMITS = { email: 5, address: 30 } as const;

export type ThrottleKey = { key: string; limit: number };

export function throttleKeys(email: string, address: string, knownAddress = false): ThrottleKey[] {
  const e = email.trim().toLowerCase();
  return [
    { key: knownAddress ? `email:${e}|addr:${address}` : `email:${e}`, limit: LIMITS.email },
    { key: `addr:${address}`, limit: LIMITS.address },
  ];
}

export interface Admission {
  /** 0 when the attempt may be checked; else the seconds to wait. */
  retryAfter: number;
  /** The key over its limit, when refused. */
  over: ThrottleKey | null;
  /** True for the first refused attempt of a window (worth one audit entry). */
  firstRefusal: boolean;
}

const WINDOW = sql.raw(`interval '${THROTTLE_WINDOW_SECONDS} seconds'`);

/** Counts one attempt against each key, atomically, and says whether it may be checked. */
export async function admitAttempt(db: Db, keys: ThrottleKey[]): Promise<Admission> {
  let admission: Admission = { retryAfter: 0, over: null, firstRefusal: false };
  for (const k of keys) {
    const [row] = await queryRows<{ n: number; retry: number }>(
      db,
      sql`insert into login_attempts as a (key, failures, first_failure_at) values (${k.key}, 1, now())
          on conflict (key) do update set
            failures = case when a.first_failure_at < now() - ${WINDOW} then 1 else a.failures + 1 end,
            first_failure_at = case when a.first_failure_at < now() - ${WINDOW} then now() else a.first_failure_at end
          returning failures as n, greatest(1, ceil(extract(epoch from a.first_failure_at + ${WINDOW} - now())))::int as retry`,
    );
    if (row && row.n > k.limit && row.retry > admission.retryAfter)
      admission = { retryAfter: row.retry, over: k, firstRefusal: row.n === k.limit + 1 };
  }
  return admission;
}

/**
 * After a successful sign-in: the email's budget is whole again, and the address gets
 * back the attempt that succeeded (only failures keep counting against an address).
 */
export async function settleSuccess(db: Db, keys: ThrottleKey[]): Promise<void> {
  const [emailKey, addrKey] = keys;
  if (emailKey) await db.delete(t.loginAttempts).where(inArray(t.loginAttempts.key, [emailKey.key]));
  if (addrKey)
    await db.execute(sql`update login_attempts set failures = greatest(failures - 1, 0) where key = ${addrKey.key}`);
}

let lastPurge = 0;
/** Drops rows whose window ended (at most every few minutes per process). */
export async function purgeEndedWindows(db: Db, force = false): Promise<void> {
  if (!force && Date.now() - lastPurge < 5 * 60_000) return;
  lastPurge = Date.now();
  await db.execute(sql`delete from login_attempts where first_failure_at < now() - ${WINDOW}`);
}

/**
 * At most a few scrypt verifications at once per process (each takes ~32 MiB and ~70 ms);
 * the rest wait their turn, so a burst cannot exhaust memory or starve other requests.
 */
export const MAX_CONCURRENT_VERIFICATIONS = 2;
let running = 0;
const waiting: (() => void)[] = [];
export async function withVerificationSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_VERIFICATIONS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
