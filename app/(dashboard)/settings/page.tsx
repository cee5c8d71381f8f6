import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { Forbidden } from "@/components/shell/forbidden";
import { userWithRole } from "@/lib/server/auth/current-user";
import { listConnectionsForRender } from "@/lib/server/queries/connections";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connections · Settings" };

export default async function ConnectionsSettingsPage() {
  const { user, allowed } = await userWithRole("admin");
  if (!allowed) return <Forbidden need="admin" role={user.role} what="Connection settings" />;
  return <ConnectionsPanel initial={await listConnectionsForRender()} />;
}
