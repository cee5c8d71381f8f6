import { actorOf } from "@/lib/server/auth/authenticate";
import { endUserSessions, listSessions } from "@/lib/server/auth/sessions";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";

export const dynamic = "force-dynamic";

/** The caller's live sessions, the current one marked. */
export const GET = route({ access: { role: "viewer" } }, async ({ principal }) =>
  json({ data: await listSessions(await getDb(), principal.userId, principal.sessionId ?? null) }),
);

/** "Sign out everywhere": every session of the caller but this one ends (204). */
export const DELETE = route({ access: { role: "viewer", token: "never" } }, async ({ principal }) => {
  const db = await getDb();
  const ended = await endUserSessions(db, principal.userId, principal.sessionId);
  await db.insert(t.auditLog).values({ actor: actorOf(principal), event: "sessions_ended", detail: { ended } });
  return new Response(null, { status: 204 });
});
