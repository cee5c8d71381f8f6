import { History } from "@/components/ui/icons";
import Link from "next/link";
import { historyLine } from "@/components/connections/history-summary";
import { VendorDot } from "@/components/ui/vendor-badge";
import type { Connection } from "@/lib/model/connection";

/** A connection still reading its history back (a first backfill, or one after the horizon moved back). */
export function isBackfilling(c: Connection): boolean {
  const h = c.history;
  if (!h) return false;
  if (h.streams.length === 0) return c.sync.state === "running" && !c.lastSyncAt;
  return !h.complete;
}

/**
 * Where the stale-data banner goes while a first backfill runs: "<vendor>: History back to
 * 14 Mar 2024 — still reading", so a page that looks short on history says why.
 */
export function BackfillNotice({ connections }: { connections: Connection[] }) {
  if (connections.length === 0) return null;
  return (
    <div className="mb-6 rounded-xl border bg-card px-4 py-3 text-sm shadow-xs">
      <ul aria-label="Connections still reading their history" className="space-y-1.5">
        {connections.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {connections.length > 1 ? (
              <VendorDot vendor={c.vendor} className="shrink-0" />
            ) : (
              <History className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            )}
            <span className="font-semibold">{c.label}</span>
            <span>{historyLine(c) ?? "Reading the newest history first"}.</span>
            <span className="text-muted-foreground">
              Recent weeks are in; older activities appear as they are read.{" "}
              <Link href={`/settings#conn-${encodeURIComponent(c.id)}`} className="underline underline-offset-2">
                Details<span className="sr-only"> ({c.label})</span>
              </Link>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
