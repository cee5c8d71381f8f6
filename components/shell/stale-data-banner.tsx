"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, KeyRound, Loader2, RefreshCw } from "@/components/ui/icons";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { VendorDot } from "@/components/ui/vendor-badge";
import { apiFetch } from "@/lib/client/api";
import type { Connection } from "@/lib/model/connection";
import { cn } from "@/lib/utils";
import { BackfillNotice, isBackfilling } from "./backfill-notice";
import { explainStale, isStale } from "./stale-data";
import { connectionsQuery } from "./workspace-status";

/**
 * "<vendor> data is stale — last synced 3 hours ago. The last sync failed: …", one entry per
 * connection whose data stopped arriving, above every dashboard page (Settings has the
 * details on each connection's card). The page underneath keeps working on the data it has.
 * Polls the shared connections query, so the entry leaves once a sync succeeds.
 */
export function StaleDataBanner({
  initial,
  syncIntervalMinutes,
}: {
  initial: Connection[];
  syncIntervalMinutes: number;
}) {
  const pathname = usePathname();
  const { data = initial } = useQuery({
    ...connectionsQuery,
    initialData: initial,
    refetchInterval: (q) => {
      const list = q.state.data ?? [];
      return list.some((c) => c.sync.state === "running")
        ? 2_000
        : list.some(isBackfilling)
          ? 10_000
          : list.some(isStale)
            ? 30_000
            : 60_000;
    },
  });
  // Connections whose retry was asked for here: shown as "retrying" while their sync runs.
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);

  const entries = data.filter((c) => isStale(c) || (retrying.has(c.id) && c.sync.state === "running"));
  const hidden = pathname.startsWith("/settings");
  // In the banner's place while a connection reads its history back (and is not stale).
  const backfilling = data.filter((c) => !entries.includes(c) && isBackfilling(c));
  const keyTrouble = entries.some((c) => c.status === "key_rejected" || c.status === "key_unreadable");

  return (
    <div role="status" aria-label="Data freshness">
      {entries.length && !hidden ? (
        <div
          className={cn(
            "mb-6 rounded-xl border px-4 py-3 text-sm shadow-xs",
            keyTrouble ? "border-destructive/40 bg-destructive/8" : "border-warning/50 bg-warning/12",
          )}
        >
          {entries.length > 1 ? (
            <p className="mb-2 flex items-center gap-2 font-semibold">
              <AlertTriangle
                className={cn("size-4 shrink-0", keyTrouble ? "text-destructive" : "text-warning")}
                aria-hidden
              />
              Data from {entries.length} connections is stale — the page shows what was synced before.
            </p>
          ) : null}
          <ul aria-label="Stale connections" className={cn(entries.length > 1 && "divide-y divide-foreground/10")}>
            {entries.map((c) => (
              <StaleEntry
                key={c.id}
                connection={c}
                compact={entries.length > 1}
                now={now}
                syncIntervalMinutes={syncIntervalMinutes}
                onRetry={() => setRetrying((s) => new Set(s).add(c.id))}
              />
            ))}
          </ul>
        </div>
      ) : null}
      {!hidden ? <BackfillNotice connections={backfilling} /> : null}
    </div>
  );
}

function StaleEntry({
  connection: c,
  compact,
  now,
  syncIntervalMinutes,
  onRetry,
}: {
  connection: Connection;
  compact: boolean;
  now: number;
  syncIntervalMinutes: number;
  onRetry: () => void;
}) {
  const qc = useQueryClient();
  const [retryError, setRetryError] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: () => apiFetch<{ syncId: string }>(`/connections/${encodeURIComponent(c.id)}/sync`, { method: "POST" }),
    onMutate: () => {
      setRetryError(null);
      onRetry();
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: connectionsQuery.queryKey }),
    onError: (err) => setRetryError(err instanceof Error ? err.message : "The sync could not be started."),
  });
  const running = c.sync.state === "running" || retry.isPending;
  const why = explainStale(c, { intervalMinutes: syncIntervalMinutes, now });
  const headline = (
    <>
      <span className="font-semibold">{c.label}</span> {c.lastSyncAt ? "data is stale" : "has no data yet"}
      {" — "}
      {c.lastSyncAt ? (
        <>
          last synced <RelativeTime iso={c.lastSyncAt} />.
        </>
      ) : (
        "it has never synced."
      )}
    </>
  );

  return (
    <li className={cn("flex flex-wrap items-center gap-x-4 gap-y-2", compact && "py-2 first:pt-0 last:pb-0")}>
      <div className="flex min-w-0 flex-1 gap-2">
        {compact ? (
          <VendorDot vendor={c.vendor} className="mt-1.5 shrink-0" />
        ) : (
          <AlertTriangle
            className={cn("mt-0.5 size-4 shrink-0", why.kind === "key" ? "text-destructive" : "text-warning")}
            aria-hidden
          />
        )}
        <p className="min-w-0 leading-relaxed">
          {headline}{" "}
          {running ? (
            <span>Syncing again now…</span>
          ) : (
            <>
              The last sync failed: {why.reason}{" "}
              <span className="text-muted-foreground" suppressHydrationWarning>
                {why.next}
              </span>
            </>
          )}
          {retryError ? (
            <span role="alert" className="block text-destructive">
              {retryError}
            </span>
          ) : null}
        </p>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <Button asChild size="sm" variant={why.kind === "key" ? "default" : "secondary"}>
          <Link href={`/settings#conn-${encodeURIComponent(c.id)}`}>
            {why.kind === "key" ? <KeyRound aria-hidden /> : null}
            Fix in Settings<span className="sr-only"> ({c.label})</span>
          </Link>
        </Button>
        <Button size="sm" variant="secondary" onClick={() => retry.mutate()} disabled={running}>
          {running ? <Loader2 className="animate-spin" aria-hidden /> : <RefreshCw aria-hidden />}
          {running ? "Syncing…" : "Retry sync"}
          <span className="sr-only"> ({c.label})</span>
        </Button>
      </div>
    </li>
  );
}
