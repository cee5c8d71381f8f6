import { contactIdParamsSchema } from "@/lib/model/contacts-query";
import { notFound } from "@/lib/server/http/errors";
import { json, route } from "@/lib/server/http/route";
import { contactExists } from "@/lib/server/queries/contacts";
import { getStore } from "@/lib/server/store";
import { refreshContact } from "@/lib/server/sync/refresh";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/contacts/{id}/refresh — the live path: asks every vendor this person is
 * known to for their newest data now, stores it, and answers 202 with what changed.
 */
export const POST = route(
  { access: { role: "member", token: "write" }, params: contactIdParamsSchema },
  async ({ params, principal }) => {
    const store = await getStore();
    if (!(await contactExists(store.db, params.id))) throw notFound("Contact");
    const summary = await refreshContact(store, params.id, { actor: principal?.email ?? "system" });
    return json(summary, { status: 202 });
  },
);
