import { tasksQuerySchema } from "@/lib/model/tasks-query";
import { route } from "@/lib/server/http/route";
import { tasksCsvResponse } from "@/lib/server/queries/tasks-csv";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks.csv: every task matching the same parameters as /tasks, as CSV. */
export const GET = route({ query: tasksQuerySchema }, async ({ query }) => tasksCsvResponse(await getDb(), query));
