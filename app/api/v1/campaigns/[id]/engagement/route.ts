import { z } from "zod";
import { decodeCampaignId, engagementQuerySchema, engagementSchema } from "@/lib/model/engagement";
import { json, route } from "@/lib/server/http/route";
import { cachedCampaignEngagement } from "@/lib/server/queries/engagement";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/campaigns/{id}/engagement?from=&to=&tz=&interval=day|week&bots=exclude|include — API.md "Campaigns and engagement". */
export const GET = route(
  {
    access: { role: "viewer" },
    params: z.object({ id: z.string().min(1).max(300).transform(decodeCampaignId) }),
    query: engagementQuerySchema,
  },
  async ({ params, query }) =>
    json(engagementSchema.parse(await cachedCampaignEngagement(await getDb(), params.id, query))),
);
