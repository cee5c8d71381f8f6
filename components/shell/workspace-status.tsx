"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, Loader2, Plug } from "lucide-react";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { VendorDot } from "@/components/ui/vendor-badge";
import { apiFetch } from "@/lib/client/api";
import type { Connection } from "@/lib/model/connection";
import { cn } from "@/lib/utils";

export const connectionsQuery = {
  queryKey: ["connections"] as const,
  queryFn: () => apiFetch<{ data: Connection[] }>("/connections").then((r) => r.data),
};

/** The header strip: which connections exist, whether they are healthy, when data last arrived. */
export function WorkspaceStatus({ initial }: { initial: Connection[] }) {
  const { data = initial } = useQuery({
    ...connectionsQuery,
    initialData: initial,
    // Poll while anything syncs so progress is live; otherwise once a minute.
    refetchInterval: (q) => ((q.state.data ?? []).some((c) => c.sync.state === "running") ? 2_000 : 60_000),
  });

  if (data.length === 0) {
    return (
      <Link
        href="/settings"
        className="inline-flex items-center gap-2 text-sm text-muted-foreground hover:text-foreground"
      >
        <Plug className="size-4" aria-hidden /> No connections yet — add a vendor key in Settings
      </Link>
    );
  }
  const demo = data.some((c) => c.demo);
  const last = data
    .map((c) => c.lastSyncAt)
    .filter((v): v is string => !!v)
    .sort()
    .at(-1);
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      {demo ? (
        <span
          className="rounded-md bg-warning/20 px-2 py-0.5 text-xs font-semibold"
          title="Connections point at Touchline's built-in vendor simulators; the data is generated."
        >
          Demo workspace · simulated data
        </span>
      ) : null}
      <ul className="flex flex-wrap items-center gap-3" aria-label="Connections">
        {data.map((c) => (
          <li key={c.id}>
            <Link
              href="/settings"
              className="inline-flex items-center gap-1.5 text-muted-foreground hover:text-foreground"
              title={c.lastError ?? undefined}
            >
              <VendorDot vendor={c.vendor} />
              <span className={cn(c.status !== "ok" && c.status !== "syncing" && "text-destructive")}>{c.label}</span>
              {c.sync.state === "running" ? <Loader2 className="size-3 animate-spin" aria-label="syncing" /> : null}
              {c.status === "key_rejected" ||
              c.status === "key_unreadable" ||
              c.status === "unreachable" ||
              c.sync.state === "failed" ? (
                <AlertTriangle className="size-3 text-destructive" aria-label={c.lastError ?? c.status} />
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
      <span className="text-muted-foreground">
        {last ? (
          <>
            Last synced <RelativeTime iso={last} />
          </>
        ) : (
          "Not synced yet"
        )}
      </span>
    </div>
  );
}
