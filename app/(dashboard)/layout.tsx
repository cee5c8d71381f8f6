import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { StaleDataNotice } from "@/components/shell/stale-data-notice";

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <AppShell>
      <StaleDataNotice />
      {children}
    </AppShell>
  );
}
