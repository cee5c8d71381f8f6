import { compareQuerySchema, compareSchema } from "@/lib/model/engagement";
import { json, route } from "@/lib/server/http/route";
import { compareCampaigns } from "@/lib/server/queries/engagement";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/campaigns/compare?ids=a,b&from=&to=&tz=&bots=&replies= — totals and rates side by side, across vendors; unknown ids are named in `notFound` and the rest compared (404 only when none is known). */
export const GET = route({ access: { role: "viewer" }, query: compareQuerySchema }, async ({ query }) =>
  json(compareSchema.parse(await compareCampaigns(await getDb(), query))),
);
