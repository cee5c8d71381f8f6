import { createTokenSchema } from "@/lib/model/auth";
import { actorOf } from "@/lib/server/auth/authenticate";
import { createToken, listTokens } from "@/lib/server/auth/tokens";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => json({ data: await listTokens(await getDb()) }));

/** 201 `{id, name, token}` — the only time the token is shown. */
export const POST = route({ body: createTokenSchema }, async ({ body, principal }) => {
  const created = await createToken(await getDb(), { id: principal!.userId, email: actorOf(principal) }, body.name);
  return json(created, { status: 201 });
});
