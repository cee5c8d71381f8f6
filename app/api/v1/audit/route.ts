import { auditQuerySchema } from "@/lib/model/auth";
import { json, route } from "@/lib/server/http/route";
import { listAudit } from "@/lib/server/queries/audit";

export const dynamic = "force-dynamic";

/** `GET /audit?connectionId=&limit=&cursor=` → `{data: [entry…], nextCursor}`, newest first. */
export const GET = route({ access: { role: "admin" }, query: auditQuerySchema }, async ({ query }) =>
  json(await listAudit(query)),
);
