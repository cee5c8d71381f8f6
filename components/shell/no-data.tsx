import type { LucideIcon } from "@/components/ui/icons";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { WorkspaceCounts } from "@/lib/server/queries/workspace";
import { vendorNames } from "@/lib/vendors/metas";

/** What a new user sees before any data: why the page is empty and what to do next. */
export function NoData({ icon, what, counts }: { icon: LucideIcon; what: string; counts: WorkspaceCounts }) {
  if (counts.connections === 0) {
    return (
      <EmptyState
        icon={icon}
        title={`No ${what} yet`}
        action={
          <Button asChild>
            <Link href="/settings">Connect a vendor</Link>
          </Button>
        }
      >
        Touchline shows {what} synced from {vendorNames()}. Add an API key in Settings and the first sync starts at once
        — or restart with <code className="rounded bg-muted px-1">TOUCHLINE_DEMO=on</code> to explore the demo
        workspace.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      icon={icon}
      title={`No ${what} synced yet`}
      action={
        <Button asChild variant="secondary">
          <Link href="/settings">See sync progress</Link>
        </Button>
      }
    >
      Your connections are set up. {what[0]?.toUpperCase() + what.slice(1)} appear here as soon as the first sync stores
      them.
    </EmptyState>
  );
}
