import { bulkRequestSchema, bulkStartedSchema } from "@/lib/model/task-change";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store";
import { startBulk } from "@/lib/server/tasks/bulk";

export const dynamic = "force-dynamic";

/** POST /api/v1/tasks/bulk `{ids | filter, change}` → 202 `{jobId}` (API.md "Tasks"). */
export const POST = route(
  { access: { role: "member", token: "write" }, body: bulkRequestSchema },
  async ({ body, principal }) =>
    json(bulkStartedSchema.parse(await startBulk(await getDb(), principal, body)), { status: 202 }),
);
