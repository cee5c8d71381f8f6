import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/server/auth/current-user";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description="Vendor connections and their keys, your team, your profile and sessions, API tokens, and the audit log."
      />
      <SettingsNav role={user.role} />
      {children}
    </div>
  );
}
