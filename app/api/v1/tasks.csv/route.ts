import { tasksQuerySchema } from "@/lib/model/tasks-query";
import { route } from "@/lib/server/http/route";
import { withMe } from "@/lib/server/identities/tasks-me";
import { tasksCsvResponse } from "@/lib/server/queries/tasks-csv";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks.csv: every task matching the same parameters as /tasks (`assignee=me` too), as CSV. */
export const GET = route({ access: { role: "viewer" }, query: tasksQuerySchema }, async ({ query, principal }) => {
  const db = await getDb();
  return tasksCsvResponse(db, await withMe(db, query, principal));
});
