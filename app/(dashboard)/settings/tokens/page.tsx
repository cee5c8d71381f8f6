import { TokensPanel } from "@/components/settings/tokens-panel";
import { requireUser } from "@/lib/server/auth/current-user";
import { listTokens } from "@/lib/server/auth/tokens";
import { roleAtLeast } from "@/lib/model/plain/roles";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "API tokens · Settings" };

export default async function TokensSettingsPage() {
  const user = await requireUser();
  const admin = roleAtLeast(user.role, "admin");
  return <TokensPanel initial={await listTokens(await getDb(), admin ? undefined : user.id)} admin={admin} />;
}
