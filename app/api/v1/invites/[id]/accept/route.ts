import { NextResponse } from "next/server";
import { acceptInviteSchema, linkTokenParams } from "@/lib/model/team";
import { assertNotCrossSite, startSession } from "@/lib/server/auth/respond";
import { route } from "@/lib/server/http/route";
import { acceptInvite } from "@/lib/server/team/users";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** `POST /invites/{token}/accept` (no session) `{email, name?, password}` → 201, signed in. The link works once. */
export const POST = route(
  { access: "public", params: linkTokenParams, body: acceptInviteSchema },
  async ({ req, params, body }) => {
    assertNotCrossSite(req);
    const db = await getDb();
    const user = await acceptInvite(db, params.id, body);
    const res = NextResponse.json(
      { id: user.id, email: user.email, name: user.name, role: user.role },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
    return startSession(res, db, user, req);
  },
);
