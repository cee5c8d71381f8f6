import { AuditLog } from "@/components/settings/audit-log";
import { Forbidden } from "@/components/shell/forbidden";
import { userWithRole } from "@/lib/server/auth/current-user";
import { listAudit } from "@/lib/server/queries/audit";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log · Settings" };

export default async function AuditSettingsPage() {
  const { user, allowed } = await userWithRole("admin");
  if (!allowed) return <Forbidden need="admin" role={user.role} what="The audit log and its entries" />;
  return <AuditLog initial={await listAudit({ limit: 50 })} />;
}
