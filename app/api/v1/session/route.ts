import { NextResponse } from "next/server";
import { signInSchema } from "@/lib/model/auth";
import { signIn } from "@/lib/server/auth/login";
import { clientAddress, isHttps } from "@/lib/server/auth/request";
import { assertNotCrossSite, setSessionCookie } from "@/lib/server/auth/respond";
import { SESSION_COOKIE } from "@/lib/server/auth/session";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** The signed-in user. */
export const GET = route({}, async ({ principal }) =>
  json({ id: principal!.userId, email: principal!.email, via: principal!.via }),
);

/** Sign in: 204 with the session cookie; 401 for any wrong email/password pair; 429 when throttled. */
export const POST = route({ auth: false, body: signInSchema }, async ({ req, body }) => {
  assertNotCrossSite(req);
  const user = await signIn(await getDb(), { ...body, address: clientAddress(req) });
  return setSessionCookie(
    new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } }),
    user,
    isHttps(req),
  );
});

/** Sign out: clears the cookie. */
export const DELETE = route({ auth: false }, async ({ req }) => {
  assertNotCrossSite(req);
  const res = new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
  res.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: isHttps(req), path: "/", maxAge: 0 });
  return res;
});
