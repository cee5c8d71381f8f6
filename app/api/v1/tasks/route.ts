import { tasksPageSchema, tasksQuerySchema } from "@/lib/model/tasks-query";
import { json, route } from "@/lib/server/http/route";
import { listTasks } from "@/lib/server/queries/tasks";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks (API.md "Tasks"). */
export const GET = route({ query: tasksQuerySchema }, async ({ query }) =>
  json(tasksPageSchema.parse(await listTasks(await getDb(), query))),
);
