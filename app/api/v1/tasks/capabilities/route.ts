import { taskCapabilitiesSchema } from "@/lib/model/task-change";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store";
import { taskCapabilities } from "@/lib/server/tasks/capabilities";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/capabilities (docs/api-additions.md): who may act on which connection's tasks, and how. */
export const GET = route({ access: { role: "viewer" }, query: undefined }, async ({ principal }) =>
  json(taskCapabilitiesSchema.parse(await taskCapabilities(await getDb(), principal))),
);
