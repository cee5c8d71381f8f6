import { createInviteSchema } from "@/lib/model/team";
import { actorOf } from "@/lib/server/auth/authenticate";
import { json, route } from "@/lib/server/http/route";
import { createLink, listInvites, publicOrigin } from "@/lib/server/team/links";
import { getDb } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";

export const dynamic = "force-dynamic";

/** Invitations, newest first (used, expired and open). */
export const GET = route({ access: { role: "admin" } }, async () => json({ data: await listInvites(await getDb()) }));

/** 201 `{id, role, url, expiresAt}`: the one-time link to hand over (shown once). */
export const POST = route(
  { access: { role: "admin", token: "never" }, body: createInviteSchema },
  async ({ req, body, principal }) => {
    const db = await getDb();
    const link = await createLink(db, "invite", {
      role: body.role,
      createdBy: actorOf(principal),
      expiresInDays: body.expiresInDays,
    });
    await db
      .insert(t.auditLog)
      .values({ actor: actorOf(principal), event: "user_invited", detail: { inviteId: link.id, role: body.role } });
    const url = `${publicOrigin(req)}/invite/${link.token}`;
    return json({ id: link.id, role: body.role, url, expiresAt: link.expiresAt }, { status: 201 });
  },
);
