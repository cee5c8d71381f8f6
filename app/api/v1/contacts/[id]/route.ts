import { contactIdParamsSchema } from "@/lib/model/contacts-query";
import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { getContact } from "@/lib/server/queries/contacts";
import { openTasksForContact } from "@/lib/server/queries/contact-tasks";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

/** GET /api/v1/contacts/{id} — the person, identities with links into each vendor, counts, and open tasks. */
export const GET = route({ access: { role: "viewer" }, params: contactIdParamsSchema }, async ({ params }) => {
  const db = await getDb();
  const contact = await getContact(db, params.id);
  if (!contact) throw notFound("Contact");
  const openTasks = (await openTasksForContact(db, params.id)).map(({ at: _at, ...t }) => t);
  return json({ ...contact, openTasks });
});
