import { putIdentitiesSchema } from "@/lib/model/team";
import { identitiesWithNames, setIdentities } from "@/lib/server/identities/me";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** Links the caller's vendor users (replacing the previous links); answers the links with names. */
export const PUT = route(
  { access: { role: "viewer", token: "never" }, body: putIdentitiesSchema },
  async ({ body, principal }) => {
    const db = await getDb();
    await setIdentities(db, principal, body.identities);
    return json({ identities: await identitiesWithNames(db, principal.userId) });
  },
);
