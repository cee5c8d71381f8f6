import { TokensPanel } from "@/components/settings/tokens-panel";
import { listTokens } from "@/lib/server/auth/tokens";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "API tokens · Settings" };

export default async function TokensSettingsPage() {
  return <TokensPanel initial={await listTokens(await getDb())} />;
}
