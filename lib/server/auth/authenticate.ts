import "server-only";
import type { NextRequest } from "next/server";
import type { Role, TokenScope } from "@/lib/model/plain/roles";
import { forbidden, unauthorized } from "../http/errors";
import { getDb } from "../store/db";
import { clientAddress, isSameOrigin, STATE_CHANGING } from "./request";
import { SESSION_COOKIE } from "./session";
import { sessionFromCookie } from "./sessions";
import { userForToken } from "./tokens";

export interface Principal {
  userId: string;
  email: string;
  name: string | null;
  /** The user's role; a token acts with it too, within its scope. */
  role: Role;
  via: "session" | "token";
  /** Session calls: which session (the "current" one in the sessions list). */
  sessionId?: string;
  /** Token calls: which token (its name appears in the audit log) and its scope. */
  tokenId?: string;
  tokenName?: string;
  tokenScope?: TokenScope;
  /** The client address as throttling sees it. */
  address: string;
}

/** How a principal is named in the audit log. */
export const actorOf = (p: Principal | null) =>
  p ? (p.via === "token" ? `${p.email} (token “${p.tokenName}”)` : p.email) : "system";

/**
 * Resolves the caller of an API request, or throws 401: an `Authorization: Bearer`
 * API token, else the session cookie (forged, damaged, ended, timed out, or of a
 * deactivated or deleted user: 401).
 *
 * CSRF lives here, in the one place every cookie-authenticated call passes: a
 * state-changing request (POST/PUT/PATCH/DELETE) that authenticates BY COOKIE must carry
 * this app's own Origin — a missing or `null` Origin is refused with 403. Token calls
 * are exempt (a browser never attaches a bearer token on its own).
 */
export async function authenticate(req: NextRequest): Promise<Principal> {
  const db = await getDb();
  const address = clientAddress(req);
  const authz = req.headers.get("authorization");
  if (authz) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    if (!m) throw unauthorized("Send the API token as `Authorization: Bearer <token>`.");
    const found = await userForToken(db, m[1]!);
    if (!found) throw unauthorized("This API token is not valid: it was revoked, has expired, or was mistyped.");
    return {
      userId: found.userId,
      email: found.email,
      name: found.name,
      role: found.role,
      via: "token",
      tokenId: found.tokenId,
      tokenName: found.tokenName,
      tokenScope: found.scope,
      address,
    };
  }
  const cookie = req.cookies.get(SESSION_COOKIE)?.value;
  if (!cookie) throw unauthorized();
  const session = await sessionFromCookie(db, cookie);
  if (!session) throw unauthorized("Your session has ended or is not valid. Sign in again.");
  if (STATE_CHANGING.has(req.method.toUpperCase()) && !isSameOrigin(req)) {
    throw forbidden(
      "This request did not come from Touchline's own pages (Origin check). Use an API token for scripts.",
    );
  }
  return {
    userId: session.userId,
    email: session.email,
    name: session.name,
    role: session.role,
    via: "session",
    sessionId: session.sessionId,
    address,
  };
}
