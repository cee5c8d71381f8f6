import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { forbidden } from "../http/errors";
import type { Db } from "../store/db";
import { clientAddress, isHttps, isSameOrigin } from "./request";
import { SESSION_COOKIE, sealSession, sessionCookieOptions } from "./session";
import { createSession } from "./sessions";

/** Starts a server-side session for `user` and puts its cookie on the response. */
export async function startSession(
  res: NextResponse,
  db: Db,
  user: { id: string },
  req: NextRequest,
): Promise<NextResponse> {
  const sessionId = await createSession(db, user.id, {
    userAgent: req.headers.get("user-agent"),
    ip: clientAddress(req),
  });
  res.cookies.set(
    SESSION_COOKIE,
    await sealSession({ sessionId, userId: user.id }),
    sessionCookieOptions(isHttps(req)),
  );
  return res;
}

export function clearSessionCookie(res: NextResponse, req: NextRequest): NextResponse {
  res.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: isHttps(req), path: "/", maxAge: 0 });
  return res;
}

/**
 * For the routes that run before there is a session (sign-in, setup, invitations, resets,
 * sign-out): a browser request from another site is refused (login CSRF). Scripts that
 * send no Origin at all (curl) are let through — they carry no ambient credentials.
 */
export function assertNotCrossSite(req: NextRequest): void {
  if (req.headers.has("origin") && !isSameOrigin(req))
    throw forbidden("This request did not come from Touchline's own pages (Origin check).");
}
