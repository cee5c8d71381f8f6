import { identitiesWithNames } from "@/lib/server/identities/me";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** `{id, email, name, role, identities}`: who is calling, and which vendor users are "me". */
export const GET = route({ access: { role: "viewer" } }, async ({ principal }) =>
  json({
    id: principal.userId,
    email: principal.email,
    name: principal.name,
    role: principal.role,
    identities: await identitiesWithNames(await getDb(), principal.userId),
  }),
);
