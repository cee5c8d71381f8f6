import { contactIdParamsSchema } from "@/lib/model/contacts-query";
import { timelineFiltersSchema } from "@/lib/model/timeline";
import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { contactExists } from "@/lib/server/queries/contacts";
import { timelineFacets } from "@/lib/server/queries/timeline";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/contacts/{id}/timeline/facets — the timeline's filters (same parameters,
 * no limit/cursor) → counts per vendor, kind, campaign and machine events, each facet
 * counted without its own filter, plus the total matching every filter.
 */
export const GET = route(
  { access: { role: "viewer" }, params: contactIdParamsSchema, query: timelineFiltersSchema },
  async ({ params, query }) => {
    const db = await getDb();
    const facets = await timelineFacets(db, params.id, query);
    const empty = Object.keys(facets.vendors).length === 0;
    if (empty && !(await contactExists(db, params.id))) throw notFound("Contact");
    return json(facets);
  },
);
