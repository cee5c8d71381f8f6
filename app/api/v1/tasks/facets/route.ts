import { taskFacetsSchema, tasksQuerySchema } from "@/lib/model/tasks-query";
import { json, route } from "@/lib/server/http/route";
import { nameAssigneeFacets, withMe } from "@/lib/server/identities/tasks-me";
import { taskFacets } from "@/lib/server/queries/tasks";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/facets (extension): counts for the tasks page's filters, same parameters as /tasks. */
export const GET = route({ access: { role: "viewer" }, query: tasksQuerySchema }, async ({ query, principal }) => {
  const db = await getDb();
  return json(
    taskFacetsSchema.parse(await nameAssigneeFacets(db, await taskFacets(db, await withMe(db, query, principal)))),
  );
});
