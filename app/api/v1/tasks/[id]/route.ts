import { taskChangeSchema, taskIdParamsSchema } from "@/lib/model/task-change";
import { taskListItemSchema } from "@/lib/model/tasks-query";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store";
import { changeTask } from "@/lib/server/tasks/act";

export const dynamic = "force-dynamic";

/**
 * PATCH /api/v1/tasks/{id} `{status?, dueAt?, dueIsDateOnly?, assigneeId?, priority?}` → 200 with
 * the task as re-read from the vendor; 409 `{detail, vendorTask}` when it changed there; 422 with
 * the vendor's reason; 405 for a vendor whose tasks are read-only (API.md "Tasks").
 */
export const PATCH = route(
  { access: { role: "member", token: "write" }, params: taskIdParamsSchema, body: taskChangeSchema },
  async ({ params, body, principal, req }) => {
    const task = await changeTask(await getDb(), principal, params.id, body, { signal: req.signal });
    return json(taskListItemSchema.parse(task));
  },
);
