import { json, route } from "@/lib/server/http/route";
import { listUsers } from "@/lib/server/team/users";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** The team: `{data: [{id, email, name, role, active, createdAt, lastSeenAt}]}` (admins). */
export const GET = route({ access: { role: "admin" } }, async () => json({ data: await listUsers(await getDb()) }));
