import { z } from "zod";
import { actorOf } from "@/lib/server/auth/authenticate";
import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { findLink, revokeInvite } from "@/lib/server/team/links";
import { getDb } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(200) });

/** `GET /invites/{token}` (no session): `{role, expiresAt}` of an open invitation, else 404. */
export const GET = route({ access: "public", params }, async ({ params }) => {
  const link = await findLink(await getDb(), "invite", params.id);
  if (!link) throw notFound("Invitation (it was used already, has expired or was revoked)");
  return json({ role: link.role, expiresAt: link.expiresAt });
});

/** `DELETE /invites/{id}` (admins): withdraws an invitation. */
export const DELETE = route({ access: { role: "admin" }, params }, async ({ params, principal }) => {
  const db = await getDb();
  if (!(await revokeInvite(db, params.id))) throw notFound("Invitation");
  await db
    .insert(t.auditLog)
    .values({ actor: actorOf(principal), event: "invite_revoked", detail: { inviteId: params.id } });
  return new Response(null, { status: 204 });
});
