import "server-only";
import crypto from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { masterKey } from "../secrets/master-key";

/**
 * Sessions are stateless cookies: a JWE (dir + A256GCM — encrypted and authenticated,
 * so a client can neither read nor forge one) holding the user id and email, with an
 * expiry. The key is derived with HKDF from the master key, so no second secret has to
 * be managed; rotating the master key signs everyone out.
 */
export const SESSION_COOKIE = "touchline_session";
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
const ISSUER = "touchline";
const AUDIENCE = "touchline/session";

export interface SessionClaims {
  userId: string;
  email: string;
  expiresAt: Date;
}

const cache = new WeakMap<Buffer, Uint8Array>();
export function sessionKey(master: Buffer = masterKey().key): Uint8Array {
  let key = cache.get(master);
  if (!key) {
    key = new Uint8Array(
      crypto.hkdfSync(
        "sha256",
        master,
        Buffer.from("touchline/hkdf-salt/v1"),
        Buffer.from("touchline/session-cookie/v1"),
        32,
      ),
    );
    cache.set(master, key);
  }
  return key;
}

export async function sealSession(
  user: { id: string; email: string },
  opts: { ttlSeconds?: number; now?: Date; key?: Uint8Array } = {},
): Promise<string> {
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return new EncryptJWT({ email: user.email })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.ttlSeconds ?? SESSION_TTL_SECONDS))
    .encrypt(opts.key ?? sessionKey());
}

/** The session in a cookie value, or null when it is forged, damaged, from another key, or expired. */
export async function openSession(
  token: string | undefined | null,
  opts: { key?: Uint8Array } = {},
): Promise<SessionClaims | null> {
  if (!token || token.length > 4096) return null;
  try {
    const { payload } = await jwtDecrypt(token, opts.key ?? sessionKey(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      requiredClaims: ["sub", "exp"],
    });
    if (typeof payload.sub !== "string" || typeof payload.email !== "string" || typeof payload.exp !== "number")
      return null;
    return { userId: payload.sub, email: payload.email, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}

/** Cookie attributes: HttpOnly, SameSite=Lax, Secure when the request came over https. */
export function sessionCookieOptions(secure: boolean, maxAge = SESSION_TTL_SECONDS) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge };
}
