import { z } from "zod";
import { actorOf } from "@/lib/server/auth/authenticate";
import { revokeToken } from "@/lib/server/auth/tokens";
import { notFound } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

export const DELETE = route({ params: z.object({ id: z.string().min(1).max(100) }) }, async ({ params, principal }) => {
  if (!(await revokeToken(await getDb(), params.id, actorOf(principal)))) throw notFound("API token");
  return new Response(null, { status: 204 });
});
