import { identitySuggestions } from "@/lib/server/identities/me";
import { json, route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** Vendor users proposed as the caller: same email (or name) in a vendor's listing or synced data. */
export const GET = route({ access: { role: "viewer" } }, async ({ principal }) =>
  json({ data: await identitySuggestions(await getDb(), principal) }),
);
