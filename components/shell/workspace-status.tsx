"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, Loader2, Plug } from "@/components/ui/icons";
import Link from "next/link";
import { LazyPopover } from "@/components/ui/lazy-popover";
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
  const failing = data.filter(isFailing);
  const syncing = data.some((c) => c.sync.state === "running");
  // `inline`: one row in the header (never wrapping: a second line appearing and leaving moved the
  // whole page); otherwise a column in the compact control's panel.
  const list = (inline: boolean) => (
    <ul
      className={cn("flex items-center gap-3", inline ? "shrink-0 flex-nowrap" : "flex-col items-start")}
      aria-label="Connections"
    >
      {data.map((c) => (
        <li key={c.id}>
          <Link
            href="/settings"
            className={cn(
              "inline-flex items-center gap-1.5 whitespace-nowrap text-muted-foreground hover:text-foreground",
              !inline && "min-h-11",
            )}
            title={c.lastError ?? undefined}
          >
            <VendorDot vendor={c.vendor} />
            <span className={cn(c.status !== "ok" && c.status !== "syncing" && "text-destructive")}>{c.label}</span>
            {c.sync.state === "running" ? <Loader2 className="size-3 animate-spin" aria-label="syncing" /> : null}
            {isFailing(c) ? (
              <AlertTriangle className="size-3 text-destructive" aria-label={c.lastError ?? c.status} />
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
  const lastSynced = (className?: string) => (
    <span className={cn("text-muted-foreground", className)}>
      {last ? (
        <>
          Last synced <RelativeTime iso={last} />
        </>
      ) : (
        "Not synced yet"
      )}
    </span>
  );
  const health = failing.length
    ? `${failing.length} of ${data.length} connections need attention`
    : syncing
      ? "Syncing"
      : `${data.length} connections healthy`;
  return (
    <>
      {/* Phones and tablets: connection health as one dot; the list opens in a panel. */}
      <LazyPopover
        align="start"
        className="w-[min(20rem,calc(100vw-2rem))] p-3"
        aria-label="Connections"
        trigger={
          <button
            type="button"
            className="inline-flex min-h-11 items-center gap-2 rounded-md px-2 text-sm text-muted-foreground hover:bg-muted lg:hidden"
          >
            <span
              aria-hidden
              className={cn(
                "size-2.5 rounded-full",
                failing.length ? "bg-destructive" : syncing ? "animate-pulse bg-warning" : "bg-success",
              )}
            />
            <span className="sr-only">{health}</span>
            {demo ? <span className="rounded-md bg-warning/20 px-1.5 py-0.5 text-xs font-semibold">Demo</span> : null}
            <span aria-hidden>
              {failing.length ? `${failing.length} need attention` : `${data.length} connections`}
            </span>
          </button>
        }
      >
        <div className="flex flex-col gap-2 text-sm">
          {demo ? (
            <p className="text-xs text-muted-foreground">
              Demo workspace: connections point at Touchline&apos;s built-in vendor simulators; the data is generated.
            </p>
          ) : null}
          {list(false)}
          {lastSynced()}
        </div>
      </LazyPopover>
      {/* Laptops and up: one row that never wraps; what does not fit goes, least useful first. */}
      <div className="hidden min-w-0 items-center gap-x-4 text-sm lg:flex">
        {demo ? (
          <span
            className="shrink-0 rounded-md bg-warning/20 px-2 py-0.5 text-xs font-semibold whitespace-nowrap"
            title="Connections point at Touchline's built-in vendor simulators; the data is generated."
          >
            Demo<span className="max-2xl:sr-only"> workspace · simulated data</span>
          </span>
        ) : null}
        {list(true)}
        {lastSynced("min-w-0 truncate max-xl:hidden")}
      </div>
    </>
  );
}

const isFailing = (c: Connection) =>
  c.status === "key_rejected" ||
  c.status === "key_unreadable" ||
  c.status === "unreachable" ||
  c.sync.state === "failed";
