import { tasksPageSchema, tasksQuerySchema } from "@/lib/model/tasks-query";
import { json, route } from "@/lib/server/http/route";
import { nameAssignees, withMe } from "@/lib/server/identities/tasks-me";
import { listTasks } from "@/lib/server/queries/tasks";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks (API.md "Tasks"); `assignee=me` is the caller's linked vendor users. */
export const GET = route({ access: { role: "viewer" }, query: tasksQuerySchema }, async ({ query, principal }) => {
  const db = await getDb();
  return json(tasksPageSchema.parse(await nameAssignees(db, await listTasks(db, await withMe(db, query, principal)))));
});
