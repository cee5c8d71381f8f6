import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description="Vendor connections and their keys, API tokens for scripts, and the audit log."
      />
      <SettingsNav />
      {children}
    </div>
  );
}
