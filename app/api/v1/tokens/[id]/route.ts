import { z } from "zod";
import { actorOf } from "@/lib/server/auth/authenticate";
import { can } from "@/lib/server/auth/can";
import { revokeToken } from "@/lib/server/auth/tokens";
import { notFound } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** Revokes a token: your own, or anyone's for an admin. Only from a signed-in session. */
export const DELETE = route(
  { access: { role: "viewer", token: "never" }, params: z.object({ id: z.string().min(1).max(100) }) },
  async ({ params, principal }) => {
    const owner = can(principal, "tokens.manage") ? undefined : principal.userId;
    if (!(await revokeToken(await getDb(), params.id, actorOf(principal), owner))) throw notFound("API token");
    return new Response(null, { status: 204 });
  },
);
