import { pruneBodySchema, pruneQuerySchema } from "@/lib/model/history";
import { actorOf } from "@/lib/server/auth/authenticate";
import { pruneBefore, prunePreview } from "@/lib/server/connections/horizon";
import { conflict } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { getStore } from "@/lib/server/store/db";
import { connectionParams as params } from "../params";

export const dynamic = "force-dynamic";

/** `?before=` → `{before, activities}`: how many of this connection's activities happened before it (nothing removed). */
export const GET = route({ access: { role: "admin" }, params, query: pruneQuerySchema }, async ({ params, query }) => {
  const store = await getStore();
  return json(await prunePreview(store.db, params.id, query.before));
});

/** `{before}` → `{before, activities}` removed; 409 while a sync of this connection runs. */
export const POST = route(
  { access: { role: "admin" }, params, body: pruneBodySchema },
  async ({ params, body, principal }) => {
    const done = await pruneBefore(await getStore(), params.id, body.before, actorOf(principal));
    if (!done) throw conflict("A sync of this connection is running; prune once it has finished.");
    return json(done);
  },
);
