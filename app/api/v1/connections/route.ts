import { json, route } from "@/lib/server/http/route";
import { listConnections } from "@/lib/server/queries/connections";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => json({ data: await listConnections() }));
