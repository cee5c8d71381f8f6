import { NextResponse } from "next/server";
import { linkTokenParams, resetPasswordSchema } from "@/lib/model/team";
import { findUserById } from "@/lib/server/auth/users";
import { assertNotCrossSite, startSession } from "@/lib/server/auth/respond";
import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { findLink } from "@/lib/server/team/links";
import { useResetLink } from "@/lib/server/team/users";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** Extension: `GET /password-resets/{token}` (no session) → `{email, expiresAt}` of an open reset link, else 404. */
export const GET = route({ access: "public", params: linkTokenParams }, async ({ params }) => {
  const db = await getDb();
  const link = await findLink(db, "password_reset", params.id);
  const user = link?.userId ? await findUserById(db, link.userId) : null;
  if (!link || !user) throw notFound("Password reset link (it was used already or has expired)");
  return json({ email: user.email, expiresAt: link.expiresAt });
});

/** Extension: `POST /password-resets/{token}` `{password}` → 204, signed in; every other session of the user ends. */
export const POST = route(
  { access: "public", params: linkTokenParams, body: resetPasswordSchema },
  async ({ req, params, body }) => {
    assertNotCrossSite(req);
    const db = await getDb();
    const user = await useResetLink(db, params.id, body.password);
    return startSession(
      new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } }),
      db,
      user,
      req,
    );
  },
);
