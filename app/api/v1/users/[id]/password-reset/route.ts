import { idParams } from "@/lib/model/team";
import { INVITE_DEFAULT_DAYS, isRole } from "@/lib/model/plain/roles";
import { actorOf } from "@/lib/server/auth/authenticate";
import { findUserById } from "@/lib/server/auth/users";
import { forbidden, notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { createLink, publicOrigin } from "@/lib/server/team/links";
import { mayReset } from "@/lib/server/team/users";
import { getDb } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";

export const dynamic = "force-dynamic";

/** Extension: a one-time password-reset link for a user (201 `{id, url, expiresAt}`), for an admin to hand over. */
export const POST = route(
  { access: { role: "admin", token: "never" }, params: idParams },
  async ({ req, params, principal }) => {
    const db = await getDb();
    const user = await findUserById(db, params.id);
    if (!user || !isRole(user.role)) throw notFound("User");
    if (user.id === principal.userId) throw forbidden("Change your own password under Security instead.");
    if (!mayReset(principal, user.role))
      throw forbidden(`An ${principal.role} cannot reset the password of an ${user.role}.`);
    const link = await createLink(db, "password_reset", {
      userId: user.id,
      createdBy: actorOf(principal),
      expiresInDays: INVITE_DEFAULT_DAYS,
    });
    await db.insert(t.auditLog).values({
      actor: actorOf(principal),
      event: "password_reset_created",
      detail: { userId: user.id, email: user.email, linkId: link.id },
    });
    const url = `${publicOrigin(req)}/reset-password/${link.token}`;
    return json({ id: link.id, url, expiresAt: link.expiresAt }, { status: 201 });
  },
);
