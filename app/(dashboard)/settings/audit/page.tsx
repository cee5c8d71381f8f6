import { AuditLog } from "@/components/settings/audit-log";
import { listAudit } from "@/lib/server/queries/audit";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log · Settings" };

export default async function AuditSettingsPage() {
  return <AuditLog initial={await listAudit({ limit: 50 })} />;
}
