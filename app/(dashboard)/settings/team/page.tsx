import { Forbidden } from "@/components/shell/forbidden";
import { TeamPanel } from "@/components/team/team-panel";
import { userWithRole } from "@/lib/server/auth/current-user";
import { listInvites } from "@/lib/server/team/links";
import { listUsers } from "@/lib/server/team/users";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Team · Settings" };

export default async function TeamSettingsPage() {
  const { user, allowed } = await userWithRole("admin");
  if (!allowed) return <Forbidden need="admin" role={user.role} what="Team settings" />;
  const db = await getDb();
  const [users, invites] = await Promise.all([listUsers(db), listInvites(db)]);
  return <TeamPanel me={{ id: user.id, role: user.role }} initialUsers={users} initialInvites={invites} />;
}
