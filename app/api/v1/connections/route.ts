import { createConnectionSchema } from "@/lib/model/connection";
import { actorOf } from "@/lib/server/auth/authenticate";
import { createConnection } from "@/lib/server/connections/commands";
import { json, route } from "@/lib/server/http/route";
import { getConnection, listConnections } from "@/lib/server/queries/connections";
import { getStore } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

export const GET = route({ access: { role: "viewer" } }, async () => json({ data: await listConnections() }));

/** The key is tested against the vendor first: 201 with the connection (its first sync started), 422 `{detail}` if refused — nothing stored. */
export const POST = route({ access: { role: "admin" }, body: createConnectionSchema }, async ({ body, principal }) => {
  const store = await getStore();
  const id = await createConnection(store, body, actorOf(principal));
  return json(await getConnection(id, store.db), { status: 201 });
});
