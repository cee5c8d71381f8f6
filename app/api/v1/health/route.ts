import { getStore } from "@/lib/server/store";
import { json, route } from "@/lib/server/http/route";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () => {
  const store = await getStore();
  return json({ status: "ok", db: store.kind, version: pkg.version });
});
