import "server-only";
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * Password hashes: scrypt with a random 16-byte salt, the cost parameters written into
 * the hash string so they can be raised later without breaking existing hashes:
 *   scrypt$<log2 N>$<r>$<p>$<salt, base64url>$<hash, base64url>
 * N = 2^15, r = 8, p = 1 is OWASP's minimum for scrypt (≈ 32 MiB, ≈ 50–100 ms here).
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

const params = (logN: number, r: number, p: number): crypto.ScryptOptions => ({
  N: 2 ** logN,
  r,
  p,
  maxmem: 2 * 128 * 2 ** logN * r * p,
});

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize("NFKC"), salt, KEYLEN, params(LOG_N, R, P));
  return ["scrypt", LOG_N, R, P, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** Constant-time check of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algo, logN, r, p, saltB64, hashB64, ...rest] = stored.split("$");
  if (algo !== "scrypt" || !logN || !r || !p || !saltB64 || !hashB64 || rest.length) return false;
  const [n, rr, pp] = [Number(logN), Number(r), Number(p)];
  if (![n, rr, pp].every((x) => Number.isInteger(x) && x > 0) || n > 20 || rr > 32 || pp > 16) return false;
  const expected = Buffer.from(hashB64, "base64url");
  if (expected.length < 16) return false;
  const actual = await scrypt(
    password.normalize("NFKC"),
    Buffer.from(saltB64, "base64url"),
    expected.length,
    params(n, rr, pp),
  );
  return crypto.timingSafeEqual(actual, expected);
}

// A hash of a random password with the current parameters: checking an unknown email's
// attempt against it costs the same time as checking a real user's, so the answer time
// does not tell which emails have accounts.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return dummy;
}
