import { NextResponse } from "next/server";
import { signInSchema } from "@/lib/model/auth";
import { signIn } from "@/lib/server/auth/login";
import { clientAddress } from "@/lib/server/auth/request";
import { assertNotCrossSite, clearSessionCookie, startSession } from "@/lib/server/auth/respond";
import { SESSION_COOKIE } from "@/lib/server/auth/session";
import { endSession, sessionFromCookie } from "@/lib/server/auth/sessions";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";
import { who } from "./who";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

/** The signed-in user. */
export const GET = route({ access: { role: "viewer" } }, async ({ principal }) =>
  json({ ...who(principal), via: principal.via }),
);

/** Sign in: 204 with the session cookie; 401 for any wrong email/password pair; 429 when throttled. */
export const POST = route({ access: "public", body: signInSchema }, async ({ req, body }) => {
  assertNotCrossSite(req);
  const db = await getDb();
  const user = await signIn(db, { ...body, address: clientAddress(req) });
  return startSession(new NextResponse(null, { status: 204, headers: noStore }), db, user, req);
});

/** Sign out: ends this session on the server and clears the cookie. */
export const DELETE = route({ access: "public" }, async ({ req }) => {
  assertNotCrossSite(req);
  const db = await getDb();
  const session = await sessionFromCookie(db, req.cookies.get(SESSION_COOKIE)?.value);
  if (session) {
    await endSession(db, session.userId, session.sessionId);
    await db.insert(t.auditLog).values({ actor: session.email, event: "signed_out", detail: {} });
  }
  return clearSessionCookie(new NextResponse(null, { status: 204, headers: noStore }), req);
});
