import { bulkJobParamsSchema, bulkJobSchema } from "@/lib/model/task-change";
import { json, route } from "@/lib/server/http/route";
import { bulkStatus } from "@/lib/server/tasks/bulk";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/bulk/{job} → `{state: running|done, total, done, failed: [{id, detail}]}`. */
export const GET = route({ access: { role: "member" }, params: bulkJobParamsSchema }, async ({ params, principal }) =>
  json(bulkJobSchema.parse(bulkStatus(params.job, principal))),
);
