import { createTokenSchema } from "@/lib/model/auth";
import { actorOf } from "@/lib/server/auth/authenticate";
import { assertCan, can } from "@/lib/server/auth/can";
import { createToken, listTokens } from "@/lib/server/auth/tokens";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** Admins see every token; everyone else their own. */
export const GET = route({ access: { role: "viewer" } }, async ({ principal }) =>
  json({
    data: await listTokens(
      await getDb(),
      can({ ...principal, via: "session" }, "tokens.manage") ? undefined : principal.userId,
    ),
  }),
);

/**
 * 201 `{id, name, scope, expiresAt, token}` — the only time the token is shown. Only a
 * signed-in session creates tokens (a token cannot mint another); "never expires" is for admins.
 */
export const POST = route(
  { access: { role: "viewer", token: "never" }, body: createTokenSchema },
  async ({ body, principal }) => {
    if (body.expiresInDays === null)
      assertCan(principal, "token.never-expires", {}, "Only admins can create tokens that never expire.");
    const created = await createToken(await getDb(), { id: principal.userId, email: actorOf(principal) }, body.name, {
      scope: body.scope,
      expiresInDays: body.expiresInDays,
    });
    return json(created, { status: 201 });
  },
);
