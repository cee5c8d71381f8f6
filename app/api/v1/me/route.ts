import { identitiesWithNames } from "@/lib/server/identities/me";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";
import { who } from "../session/who";

export const dynamic = "force-dynamic";

/** `{id, email, name, role, identities}`: who is calling, and which vendor users are "me". */
export const GET = route({ access: { role: "viewer" } }, async ({ principal }) =>
  json({ ...who(principal), identities: await identitiesWithNames(await getDb(), principal.userId) }),
);
