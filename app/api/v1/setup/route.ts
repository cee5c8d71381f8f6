import { NextResponse } from "next/server";
import { setupSchema } from "@/lib/model/auth";
import { isHttps } from "@/lib/server/auth/request";
import { assertNotCrossSite, setSessionCookie } from "@/lib/server/auth/respond";
import { createFirstAdmin, hasUsers } from "@/lib/server/auth/users";
import { conflict } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

// The one-time setup: open only while no user exists (then 409 for ever).

export const GET = route({ auth: false }, async () => json({ needed: !(await hasUsers(await getDb())) }));

export const POST = route({ auth: false, body: setupSchema }, async ({ req, body }) => {
  assertNotCrossSite(req);
  const user = await createFirstAdmin(await getDb(), body.email, body.password);
  if (!user) throw conflict("Touchline already has an admin. Sign in instead.");
  const res = NextResponse.json(
    { id: user.id, email: user.email },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
  return setSessionCookie(res, user, isHttps(req));
});
