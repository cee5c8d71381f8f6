import { NextResponse } from "next/server";
import { setupSchema } from "@/lib/model/auth";
import { clientAddress } from "@/lib/server/auth/request";
import { assertNotCrossSite, startSession } from "@/lib/server/auth/respond";
import { checkSetupCode, clearSetupCodes } from "@/lib/server/auth/setup-code";
import { createFirstAdmin, hasUsers } from "@/lib/server/auth/users";
import { AppError, conflict } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";

export const dynamic = "force-dynamic";

// The one-time setup: open only while no user exists (then 409 for ever), and only with
// the setup code the server printed in its log at start.

export const GET = route({ access: "public" }, async () => json({ needed: !(await hasUsers(await getDb())) }));

export const POST = route({ access: "public", body: setupSchema }, async ({ req, body }) => {
  assertNotCrossSite(req);
  const db = await getDb();
  if (await hasUsers(db)) throw conflict("Touchline already has an admin. Sign in instead.");
  if (!(await checkSetupCode(db, body.setupCode))) {
    await db
      .insert(t.auditLog)
      .values({ actor: null, event: "setup_refused", detail: { address: clientAddress(req) } });
    throw new AppError(
      403,
      "Wrong setup code",
      "setupCode: that is not the setup code in the server log. Look for “setup code” in the output of the running server.",
      [{ path: "setupCode", message: "not the setup code in the server log" }],
    );
  }
  const user = await createFirstAdmin(db, body.email, body.password, body.name);
  if (!user) throw conflict("Touchline already has an admin. Sign in instead.");
  await clearSetupCodes(db);
  const res = NextResponse.json(
    { id: user.id, email: user.email },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
  return startSession(res, db, user, req);
});
