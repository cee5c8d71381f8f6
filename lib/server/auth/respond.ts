import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { forbidden } from "../http/errors";
import { isSameOrigin } from "./request";
import { sealSession, SESSION_COOKIE, sessionCookieOptions } from "./session";

/** Puts a fresh session cookie for `user` on a response. */
export async function setSessionCookie(
  res: NextResponse,
  user: { id: string; email: string },
  secure: boolean,
): Promise<NextResponse> {
  res.cookies.set(SESSION_COOKIE, await sealSession(user), sessionCookieOptions(secure));
  return res;
}

/**
 * For the routes that run before there is a session (sign-in, setup, sign-out): a
 * browser request from another site is refused (login CSRF). Scripts that send no
 * Origin at all (curl) are let through — they carry no ambient credentials.
 */
export function assertNotCrossSite(req: NextRequest): void {
  if (req.headers.has("origin") && !isSameOrigin(req))
    throw forbidden("This request did not come from Touchline's own pages (Origin check).");
}
