import { campaignListQuerySchema, campaignListSchema } from "@/lib/model/engagement";
import { json, route } from "@/lib/server/http/route";
import { listCampaigns } from "@/lib/server/queries/campaigns";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/campaigns?vendor=&status=&q= — API.md "Campaigns and engagement". */
export const GET = route({ access: { role: "viewer" }, query: campaignListQuerySchema }, async ({ query }) =>
  json(campaignListSchema.parse({ data: await listCampaigns(await getDb(), query) })),
);
