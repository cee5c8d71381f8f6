import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { tooManyRequests, unauthorized } from "../http/errors";
import { log } from "../log";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { dummyHash, verifyPassword } from "./password";
import { admitAttempt, purgeEndedWindows, settleSuccess, throttleKeys, withVerificationSlot } from "./throttle";
import { findUserByEmail, type UserRow } from "./users";

export const BAD_CREDENTIALS = "That email and password do not match an account.";

/** Whether `address` signed in to this account before (a session from there, current or recent). */
async function knownAddress(db: Db, userId: string | undefined, address: string): Promise<boolean> {
  if (!userId || address === "unknown") return false;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(t.sessions)
    .where(and(eq(t.sessions.userId, userId), eq(t.sessions.ip, address)))
    .limit(1);
  return !!row;
}

/**
 * Checks a sign-in. The attempt is counted first (./throttle.ts) and refused with 429
 * when its budget is spent — before any password is checked. An unknown email, a wrong
 * password and a deactivated account take the same path — one scrypt verification —
 * and answer the same 401, so neither the answer nor its timing tells which emails
 * have accounts. Failed sign-ins and throttling go to the audit log.
 */
export async function signIn(db: Db, input: { email: string; password: string; address: string }): Promise<UserRow> {
  void purgeEndedWindows(db).catch((err: unknown) => log.warn("could not purge old sign-in attempts", { err }));
  const user = await findUserByEmail(db, input.email);
  const keys = throttleKeys(input.email, input.address, await knownAddress(db, user?.id, input.address));
  const admission = await admitAttempt(db, keys);
  if (admission.retryAfter > 0) {
    if (admission.firstRefusal)
      await db.insert(t.auditLog).values({
        actor: null,
        event: "sign_in_throttled",
        detail: {
          email: input.email.trim().toLowerCase().slice(0, 320),
          address: input.address,
          key: admission.over?.key.split(":")[0],
        },
      });
    const minutes = Math.ceil(admission.retryAfter / 60);
    throw tooManyRequests(
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      admission.retryAfter,
    );
  }
  const ok = await withVerificationSlot(async () =>
    verifyPassword(input.password, user?.passwordHash ?? (await dummyHash())),
  );
  if (!user || !ok || !user.active) {
    await db.insert(t.auditLog).values({
      actor: null,
      event: "sign_in_failed",
      detail: { email: input.email.trim().toLowerCase().slice(0, 320), address: input.address },
    });
    throw unauthorized(BAD_CREDENTIALS);
  }
  await settleSuccess(db, keys);
  await db.insert(t.auditLog).values({ actor: user.email, event: "signed_in", detail: { address: input.address } });
  return user;
}
