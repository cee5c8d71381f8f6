import { updateConnectionSchema } from "@/lib/model/connection";
import { actorOf } from "@/lib/server/auth/authenticate";
import { removeConnection, updateConnection } from "@/lib/server/connections/commands";
import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { getConnection } from "@/lib/server/queries/connections";
import { getStore } from "@/lib/server/store/db";
import { connectionParams as params } from "./params";

export const dynamic = "force-dynamic";

export const GET = route({ access: { role: "viewer" }, params }, async ({ params }) => {
  const conn = await getConnection(params.id);
  if (!conn) throw notFound("Connection");
  return json(conn);
});

/** `{label?, apiKey?}`: a new key is tested first; the mask (`••••abcd`) sent back keeps the stored key. */
export const PATCH = route(
  { access: { role: "admin" }, params, body: updateConnectionSchema },
  async ({ params, body, principal }) => {
    const store = await getStore();
    await updateConnection(store, params.id, body, actorOf(principal));
    return json(await getConnection(params.id, store.db));
  },
);

/** 204: the key and every row synced through this connection are gone. */
export const DELETE = route({ access: { role: "admin" }, params }, async ({ params, principal }) => {
  await removeConnection(await getStore(), params.id, actorOf(principal));
  return new Response(null, { status: 204 });
});
