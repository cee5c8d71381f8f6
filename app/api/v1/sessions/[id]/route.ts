import { actorOf } from "@/lib/server/auth/authenticate";
import { endSession } from "@/lib/server/auth/sessions";
import { idParams } from "@/lib/model/team";
import { notFound } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";

export const dynamic = "force-dynamic";

/** Ends one of the caller's sessions (204); another user's or an unknown id: 404. */
export const DELETE = route(
  { access: { role: "viewer", token: "never" }, params: idParams },
  async ({ params, principal }) => {
    const db = await getDb();
    if (!(await endSession(db, principal.userId, params.id))) throw notFound("Session");
    await db
      .insert(t.auditLog)
      .values({ actor: actorOf(principal), event: "sessions_ended", detail: { ended: 1, sessionId: params.id } });
    return new Response(null, { status: 204 });
  },
);
