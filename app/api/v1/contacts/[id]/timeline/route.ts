import { contactIdParamsSchema } from "@/lib/model/contacts-query";
import { timelineQuerySchema } from "@/lib/model/timeline";
import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { contactExists } from "@/lib/server/queries/contacts";
import { timelinePage } from "@/lib/server/queries/timeline";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/contacts/{id}/timeline — API.md "Contacts and timeline"; placement of tasks: lib/model/timeline.ts. */
export const GET = route(
  { access: { role: "viewer" }, params: contactIdParamsSchema, query: timelineQuerySchema },
  async ({ params, query }) => {
    const db = await getDb();
    const page = await timelinePage(db, params.id, query);
    // Items prove the person exists; only an empty answer needs the extra look-up.
    if (page.data.length === 0 && !(await contactExists(db, params.id))) throw notFound("Contact");
    return json(page);
  },
);
