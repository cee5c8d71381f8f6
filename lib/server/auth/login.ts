import "server-only";
import { tooManyRequests, unauthorized } from "../http/errors";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { dummyHash, verifyPassword } from "./password";
import { clearFailures, lockedFor, recordFailure, throttleKeys } from "./throttle";
import { findUserByEmail, type UserRow } from "./users";

export const BAD_CREDENTIALS = "That email and password do not match an account.";

/**
 * Checks a sign-in. An unknown email and a wrong password take the same path — one
 * scrypt verification, one failure recorded — and answer the same 401, so neither the
 * answer nor its timing tells which emails have accounts. A throttled email or address
 * answers 429 with Retry-After before any password is checked.
 */
export async function signIn(db: Db, input: { email: string; password: string; address: string }): Promise<UserRow> {
  const keys = throttleKeys(input.email, input.address);
  const wait = await lockedFor(db, keys);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw tooManyRequests(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, wait);
  }
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    await recordFailure(db, keys);
    throw unauthorized(BAD_CREDENTIALS);
  }
  await clearFailures(db, keys);
  await db.insert(t.auditLog).values({ actor: user.email, event: "signed_in", detail: {} });
  return user;
}
