import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { getSyncState } from "@/lib/server/queries/connections";
import { getStore } from "@/lib/server/store/db";
import { startSync } from "@/lib/server/sync/engine";
import { connectionParams as params } from "../params";

export const dynamic = "force-dynamic";

/** The latest sync: `{id, state: idle|running|succeeded|failed, startedAt, finishedAt, progress, rateLimitedMs, error}`. */
export const GET = route({ access: { role: "viewer" }, params }, async ({ params }) => {
  const sync = await getSyncState(params.id);
  if (!sync) throw notFound("Connection");
  return json(sync);
});

/** 202 `{syncId}`; when a sync of this connection already runs, its id. */
export const POST = route({ access: { role: "member", token: "write" }, params }, async ({ params }) => {
  const store = await getStore();
  if (!(await getSyncState(params.id, store.db))) throw notFound("Connection");
  const { syncId } = await startSync(params.id, "manual", store);
  return json({ syncId }, { status: 202 });
});
