import { contactsQuerySchema } from "@/lib/model/contacts-query";
import { json, route } from "@/lib/server/http/route";
import { listContacts } from "@/lib/server/queries/contacts";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/contacts?q=&vendor=&limit=&cursor= — API.md "Contacts and timeline". */
export const GET = route({ access: { role: "viewer" }, query: contactsQuerySchema }, async ({ query }) =>
  json(await listContacts(await getDb(), query)),
);
