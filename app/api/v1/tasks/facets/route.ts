import { taskFacetsSchema, tasksQuerySchema } from "@/lib/model/tasks-query";
import { json, route } from "@/lib/server/http/route";
import { taskFacets } from "@/lib/server/queries/tasks";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/facets (extension): counts for the tasks page's filters, same parameters as /tasks. */
export const GET = route({ query: tasksQuerySchema }, async ({ query }) =>
  json(taskFacetsSchema.parse(await taskFacets(await getDb(), query))),
);
