import "server-only";
import crypto from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { masterKey } from "../secrets/master-key";

/**
 * The session cookie: a JWE (dir + A256GCM — encrypted and authenticated, so a client can
 * neither read nor forge one) naming a server-side session (./sessions.ts) and its user.
 * The cookie alone proves nothing: every request also finds the session row, so ending a
 * session on the server ends it everywhere. The key is derived with HKDF from the master
 * key; rotating the master key signs everyone out.
 */
export const SESSION_COOKIE = "touchline_session";
/** The cookie's own lifetime; the session row decides earlier (idle timeout, absolute end). */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;
const ISSUER = "touchline";
const AUDIENCE = "touchline/session";

export interface SessionClaims {
  sessionId: string;
  userId: string;
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
  session: { sessionId: string; userId: string },
  opts: { ttlSeconds?: number; now?: Date; key?: Uint8Array } = {},
): Promise<string> {
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return new EncryptJWT({ sid: session.sessionId })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setSubject(session.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.ttlSeconds ?? SESSION_TTL_SECONDS))
    .encrypt(opts.key ?? sessionKey());
}

/** The claims in a cookie value, or null when it is forged, damaged, from another key, or expired. */
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
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.exp !== "number")
      return null;
    return { sessionId: payload.sid, userId: payload.sub, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}

/** Cookie attributes: HttpOnly, SameSite=Lax, Secure when the request came over https. */
export function sessionCookieOptions(secure: boolean, maxAge = SESSION_TTL_SECONDS) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge };
}
