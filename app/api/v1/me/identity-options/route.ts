import { identityOptions } from "@/lib/server/identities/me";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** Extension: every vendor user Touchline knows of, for a manual choice (docs/api-additions.md). */
export const GET = route({ access: { role: "viewer" } }, async ({ principal }) =>
  json({ data: await identityOptions(await getDb(), principal) }),
);
