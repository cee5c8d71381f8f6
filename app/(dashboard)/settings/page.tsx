import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { listConnectionsForRender } from "@/lib/server/queries/connections";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connections · Settings" };

export default async function ConnectionsSettingsPage() {
  return <ConnectionsPanel initial={await listConnectionsForRender()} />;
}
