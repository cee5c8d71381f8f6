import "server-only";
import type { NextRequest } from "next/server";
import { forbidden, unauthorized } from "../http/errors";
import { getDb } from "../store/db";
import { isSameOrigin, STATE_CHANGING } from "./request";
import { openSession, SESSION_COOKIE } from "./session";
import { userForToken } from "./tokens";
import { findUserById } from "./users";

export interface Principal {
  userId: string;
  email: string;
  via: "session" | "token";
  /** Set for token calls: which token (its name appears in the audit log). */
  tokenName?: string;
}

/** How a principal is named in the audit log. */
export const actorOf = (p: Principal | null) =>
  p ? (p.via === "token" ? `${p.email} (token “${p.tokenName}”)` : p.email) : "system";

/**
 * Resolves the caller of an API request, or throws 401: an `Authorization: Bearer`
 * API token, else the session cookie (forged, damaged, expired or of a deleted user: 401).
 *
 * CSRF lives here, in the one place every cookie-authenticated call passes: a
 * state-changing request (POST/PUT/PATCH/DELETE) that authenticates BY COOKIE must carry
 * this app's own Origin — a missing or `null` Origin is refused with 403. Token calls
 * are exempt (a browser never attaches a bearer token on its own).
 */
export async function authenticate(req: NextRequest): Promise<Principal> {
  const db = await getDb();
  const authz = req.headers.get("authorization");
  if (authz) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    if (!m) throw unauthorized("Send the API token as `Authorization: Bearer <token>`.");
    const found = await userForToken(db, m[1]!);
    if (!found) throw unauthorized("This API token is not valid: it was revoked, or mistyped.");
    return { userId: found.userId, email: found.email, via: "token", tokenName: found.tokenName };
  }
  const cookie = req.cookies.get(SESSION_COOKIE)?.value;
  if (!cookie) throw unauthorized();
  const claims = await openSession(cookie);
  if (!claims) throw unauthorized("Your session has expired or is not valid. Sign in again.");
  const user = await findUserById(db, claims.userId);
  if (!user) throw unauthorized("This account no longer exists. Sign in again.");
  if (STATE_CHANGING.has(req.method.toUpperCase()) && !isSameOrigin(req)) {
    throw forbidden(
      "This request did not come from Touchline's own pages (Origin check). Use an API token for scripts.",
    );
  }
  return { userId: user.id, email: user.email, via: "session" };
}
