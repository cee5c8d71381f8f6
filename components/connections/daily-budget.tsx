"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Gauge, History, PauseCircle } from "@/components/ui/icons";
import { useId, useState } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import { apiFetch } from "@/lib/client/api";
import type { Connection, ConnectionBudget } from "@/lib/model/connection";
import { cn } from "@/lib/utils";
import { vendorMeta } from "@/lib/vendors/metas";
import { problemMessage } from "./api-key-field";
import { settingsKeys } from "./queries";
import { numberFormat } from "./status";

const SHARES = [0.5, 0.6, 0.7, 0.8, 0.9] as const;

const utcTime = (iso: string) => `${new Date(iso).toISOString().slice(11, 16)} UTC`;
const dayMonth = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function every(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/**
 * A vendor with a daily request quota (its meta's `dailyQuota`): what today has used, the part kept for
 * "Refresh now", when it resets, how often scheduled syncs run on this plan, how much of
 * the per-contact history is read — and the plan and share, which the user can change.
 */
export function DailyBudget({ connection: c, onNotice }: { connection: Connection; onNotice: (m: string) => void }) {
  const b = c.budget!;
  const scheduledLimit = b.limit - b.reserve;
  const usedPct = Math.min(100, (b.used / Math.max(1, b.limit)) * 100);
  const reservePct = (scheduledLimit / Math.max(1, b.limit)) * 100;
  const overReserve = b.remaining <= b.reserve;

  return (
    <section aria-label="Daily API quota" className="space-y-2 rounded-lg border bg-muted/30 px-3 py-2.5 text-xs">
      {b.pausedUntil && !c.lastError ? (
        <p className="flex items-center gap-1.5 font-medium text-foreground">
          <PauseCircle className="size-3.5 text-warning" aria-hidden />
          Paused: the daily quota is used up. Syncs resume at {utcTime(b.pausedUntil)}.
        </p>
      ) : null}
      <div className="space-y-1">
        <p className="flex items-center gap-1.5 font-medium text-foreground">
          <Gauge className="size-3.5 text-muted-foreground" aria-hidden />
          {numberFormat.format(b.used)} of {numberFormat.format(b.limit)} requests used today
        </p>
        <p className="text-muted-foreground">
          {numberFormat.format(b.reserve)} kept for Refresh now · resets at {utcTime(b.resetAt)} (
          <RelativeTime iso={b.resetAt} />)
        </p>
        <div
          role="meter"
          aria-label="Requests used today"
          aria-valuemin={0}
          aria-valuemax={b.limit}
          aria-valuenow={b.used}
          aria-valuetext={`${b.used} of ${b.limit} used; scheduled syncs stop at ${scheduledLimit}`}
          className="relative h-1.5 overflow-hidden rounded-full bg-muted"
        >
          <div
            className={cn("h-full rounded-full", overReserve ? "bg-warning" : "bg-primary")}
            style={{ width: `${usedPct}%` }}
          />
          {/* Where scheduled syncs stop: beyond it, only Refresh now. */}
          <div className="absolute inset-y-0 w-px bg-foreground/50" style={{ left: `${reservePct}%` }} aria-hidden />
        </div>
        <p className="text-muted-foreground">
          {b.nextSyncAt && !b.pausedUntil ? (
            <>
              Next scheduled sync <RelativeTime iso={b.nextSyncAt} />
              {b.intervalMinutes ? ` · every ${every(b.intervalMinutes)} on this plan` : ""}
            </>
          ) : (
            "Scheduled syncs use at most the share of the day set below."
          )}
        </p>
      </div>
      {b.contacts ? <HistoryLine b={b} /> : null}
      <BudgetSettings connection={c} budget={b} onNotice={onNotice} />
    </section>
  );
}

function HistoryLine({ b }: { b: ConnectionBudget }) {
  const { total, complete } = b.contacts!;
  return (
    <div className="space-y-0.5">
      <p className="flex items-center gap-1.5 font-medium text-foreground">
        <History className="size-3.5 text-muted-foreground" aria-hidden />
        History: {numberFormat.format(complete)} of {numberFormat.format(total)} contacts complete
      </p>
      <p className="text-muted-foreground">
        {b.historyComplete
          ? `Everything read${b.historyBackTo ? `, back to ${dayMonth(b.historyBackTo)}` : ""}.`
          : `${b.historyBackTo ? `Every contact read back to ${dayMonth(b.historyBackTo)}; ` : "Recently active contacts first; "}still reading, as the daily quota allows.`}
      </p>
    </div>
  );
}

function BudgetSettings({
  connection: c,
  budget: b,
  onNotice,
}: {
  connection: Connection;
  budget: ConnectionBudget;
  onNotice: (m: string) => void;
}) {
  const planId = useId();
  const shareId = useId();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (dailyBudget: { plan?: string; scheduledShare?: number }) =>
      apiFetch<Connection>(`/connections/${encodeURIComponent(c.id)}`, {
        method: "PATCH",
        body: JSON.stringify({ dailyBudget }),
      }),
    onMutate: () => setError(null),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.connections });
      onNotice(`“${c.label}”: the daily budget is planned anew at the next sync.`);
    },
    onError: (err) => setError(problemMessage(err)),
  });
  const { label, dailyQuota } = vendorMeta(c.vendor);
  const plans = dailyQuota?.plans ?? [];
  const planLabel = (id: string | null) => plans.find((p) => p.id === id)?.label;
  const detected = planLabel(b.plan) ?? `${numberFormat.format(b.limit)} a day`;
  const shares: number[] = SHARES.includes(b.scheduledShare as (typeof SHARES)[number])
    ? [...SHARES]
    : [...SHARES, b.scheduledShare].sort();

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t pt-2">
      <label htmlFor={planId} className="flex items-center gap-1.5 text-muted-foreground">
        Plan
        <select
          id={planId}
          value={b.planSetting}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ plan: e.target.value })}
          className="h-7 rounded-md border border-input bg-card px-1.5 text-xs text-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
        >
          <option value="auto">
            {b.source === "headers"
              ? `From ${label} (${detected})`
              : `From ${label} (${planLabel(dailyQuota?.assumedPlan ?? null) ?? "a plan"} until it says)`}
          </option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label} · {numberFormat.format(p.perDay)} a day
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={shareId} className="flex items-center gap-1.5 text-muted-foreground">
        Scheduled syncs may use
        <select
          id={shareId}
          value={String(b.scheduledShare)}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ scheduledShare: Number(e.target.value) })}
          className="h-7 rounded-md border border-input bg-card px-1.5 text-xs text-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
        >
          {shares.map((s) => (
            <option key={s} value={String(s)}>
              {Math.round(s * 100)} % of the day
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p role="alert" className="w-full text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
