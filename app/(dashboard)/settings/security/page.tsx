import { SecurityPanel } from "@/components/team/security-panel";
import { requireUser } from "@/lib/server/auth/current-user";
import { listSessions } from "@/lib/server/auth/sessions";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Security · Settings" };

export default async function SecuritySettingsPage() {
  const user = await requireUser();
  return <SecurityPanel initial={await listSessions(await getDb(), user.id, user.sessionId)} />;
}
