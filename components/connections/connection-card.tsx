"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  AlertTriangle,
  Gauge,
  KeyRound,
  Loader2,
  Pencil,
  RefreshCw,
  Trash2,
  type LucideIcon,
} from "@/components/ui/icons";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { VendorDot } from "@/components/ui/vendor-badge";
import { apiFetch } from "@/lib/client/api";
import type { Connection } from "@/lib/model/connection";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { problemMessage } from "./api-key-field";
import { DailyBudget } from "./daily-budget";
import { HistorySummary } from "./history-summary";
import { settingsKeys } from "./queries";
import { formatDuration, numberFormat, STATUS_LABEL, STATUS_VARIANT, statusAdvice } from "./status";
import { SyncProgress } from "./sync-progress";

type Open = "rename" | "key" | "remove" | "history" | null;

// The dialogs (Radix Dialog and their forms) load when a card's buttons are hovered, focused
// or pressed, and are mounted only while open: the page's first load carries none of them.
const loadDialogs = () => import("./connection-dialogs");
const RenameDialog = dynamic(() => import("./connection-dialogs").then((m) => m.RenameDialog));
const ReplaceKeyDialog = dynamic(() => import("./connection-dialogs").then((m) => m.ReplaceKeyDialog));
const RemoveDialog = dynamic(() => import("./connection-dialogs").then((m) => m.RemoveDialog));
const HistoryDialog = dynamic(() => import("./history-dialog").then((m) => m.HistoryDialog));

/** The card's quieter buttons, each opening its dialog ("Replace key" gives way to "Enter the key again" when the key fails). */
const DIALOG_ACTIONS: { which: Exclude<Open, null>; Icon: LucideIcon; label: string; className?: string }[] = [
  { which: "key", Icon: KeyRound, label: "Replace key" },
  { which: "rename", Icon: Pencil, label: "Rename" },
  { which: "remove", Icon: Trash2, label: "Remove", className: "ml-auto text-destructive hover:bg-destructive/10" },
];
const prefetch = { onPointerEnter: () => void loadDialogs(), onFocus: () => void loadDialogs() };

/** One connection: who it is, whether it works, how its data is doing, and what can be done about it. */
export function ConnectionCard({
  connection: c,
  onNotice,
}: {
  connection: Connection;
  onNotice: (message: string) => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const openDialog = (which: Exclude<Open, null>, button: HTMLButtonElement) => {
    opener.current = button;
    setOpen(which);
  };
  const [syncError, setSyncError] = useState<string | null>(null);
  const qc = useQueryClient();
  const name = VENDOR_LABELS[c.vendor];
  const running = c.sync.state === "running";
  const needsKey = c.status === "key_rejected" || c.status === "key_unreadable";
  // The error says what happened; the advice adds what to do — unless the error already does.
  const advice = !c.lastError || c.status === "unreachable" ? statusAdvice(c.status, name) : null;
  const headingId = `conn-${c.id}`;

  const syncNow = useMutation({
    mutationFn: () => apiFetch<{ syncId: string }>(`/connections/${encodeURIComponent(c.id)}/sync`, { method: "POST" }),
    onMutate: () => setSyncError(null),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.connections });
      onNotice(`Syncing “${c.label}”…`);
    },
    onError: (err) => setSyncError(problemMessage(err)),
  });

  const dialogProps = (which: Exclude<Open, null>) => ({
    connection: c,
    open: open === which,
    onOpenChange: (o: boolean) => setOpen(o ? which : null),
    onDone: onNotice,
  });

  return (
    <article aria-labelledby={headingId} className="flex flex-col rounded-xl border bg-card shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-3 px-5 pt-4">
        <div className="min-w-0 space-y-1">
          <h3 id={headingId} className="flex items-center gap-2 text-base leading-tight font-semibold">
            <VendorDot vendor={c.vendor} className="size-2.5" />
            <span className="truncate">{c.label}</span>
          </h3>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
            <span>{name}</span>
            <span aria-hidden>·</span>
            <span>
              Key <span className="font-mono">{c.keyHint}</span>
            </span>
            {c.demo ? (
              <>
                <span aria-hidden>·</span>
                <span title="Connected to Touchline's built-in simulator of this vendor; the data is generated.">
                  Demo simulator
                </span>
              </>
            ) : null}
          </p>
        </div>
        <Badge variant={STATUS_VARIANT[c.status]} className="text-xs">
          {running ? <Loader2 className="animate-spin" aria-hidden /> : null}
          {STATUS_LABEL[c.status]}
        </Badge>
      </div>

      <div className="flex-1 space-y-3 px-5 py-4 text-sm">
        {running ? (
          <SyncProgress sync={c.sync} label={c.label} />
        ) : (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Last synced</dt>
            <dd>{c.lastSyncAt ? <RelativeTime iso={c.lastSyncAt} /> : "Never"}</dd>
            {c.sync.state === "succeeded" && c.sync.finishedAt ? (
              <>
                <dt className="text-muted-foreground">Last run</dt>
                <dd>
                  {numberFormat.format(c.sync.progress.done)} {c.sync.progress.unit}
                  {c.sync.rateLimitedMs >= 1000
                    ? `, ${formatDuration(c.sync.rateLimitedMs)} waiting on rate limits`
                    : ""}
                </dd>
              </>
            ) : null}
            {c.sync.state === "failed" && c.sync.finishedAt ? (
              <>
                <dt className="text-muted-foreground">Last attempt</dt>
                <dd className="text-destructive">
                  Failed <RelativeTime iso={c.sync.finishedAt} />
                </dd>
              </>
            ) : null}
          </dl>
        )}

        {c.budget ? (
          <DailyBudget connection={c} onNotice={onNotice} />
        ) : c.quota && (c.quota.remaining !== null || c.quota.limit !== null) ? (
          <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <Gauge className="size-3.5" aria-hidden />
            Daily API quota: {c.quota.remaining !== null ? numberFormat.format(c.quota.remaining) : "?"}
            {c.quota.limit !== null ? ` of ${numberFormat.format(c.quota.limit)}` : ""} requests left
            {c.quota.resetAt ? (
              <>
                {" "}
                · resets <RelativeTime iso={c.quota.resetAt} />
              </>
            ) : null}
          </p>
        ) : null}

        <HistorySummary
          connection={c}
          action={
            <Button
              size="sm"
              variant="link"
              className="h-auto px-0 text-xs"
              aria-haspopup="dialog"
              onClick={(e) => openDialog("history", e.currentTarget)}
              onPointerEnter={() => void import("./history-dialog")}
              onFocus={() => void import("./history-dialog")}
            >
              Change
            </Button>
          }
        />

        {!running && (c.lastError || advice) ? (
          <div
            className={cn(
              "flex gap-2 rounded-lg border px-3 py-2 text-sm",
              needsKey ? "border-destructive/30 bg-destructive/8" : "border-warning/40 bg-warning/10",
            )}
          >
            <AlertTriangle
              className={cn("mt-0.5 size-4 shrink-0", needsKey ? "text-destructive" : "text-warning")}
              aria-hidden
            />
            <div className="space-y-1">
              {c.lastError ? <p>{c.lastError}</p> : null}
              {advice && advice !== c.lastError ? <p className="text-muted-foreground">{advice}</p> : null}
            </div>
          </div>
        ) : null}
        {syncError ? (
          <p role="alert" className="text-sm text-destructive">
            {syncError}
          </p>
        ) : null}
      </div>

      <div className="flex flex-wrap items-center gap-2 border-t px-5 py-3">
        {needsKey ? (
          <Button size="sm" aria-haspopup="dialog" onClick={(e) => openDialog("key", e.currentTarget)} {...prefetch}>
            <KeyRound aria-hidden /> Enter the key again
          </Button>
        ) : (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => syncNow.mutate()}
            disabled={running || syncNow.isPending}
          >
            <RefreshCw className={cn(running && "animate-spin")} aria-hidden /> {running ? "Syncing…" : "Sync now"}
          </Button>
        )}
        {DIALOG_ACTIONS.filter((a) => !(needsKey && a.which === "key")).map(({ which, Icon, label, className }) => (
          <Button
            key={which}
            size="sm"
            variant="ghost"
            className={className}
            aria-haspopup="dialog"
            onClick={(e) => openDialog(which, e.currentTarget)}
            {...prefetch}
          >
            <Icon aria-hidden /> {label}
          </Button>
        ))}
      </div>

      {open === "rename" ? <RenameDialog {...dialogProps("rename")} opener={opener} /> : null}
      {open === "key" ? <ReplaceKeyDialog {...dialogProps("key")} opener={opener} /> : null}
      {open === "remove" ? <RemoveDialog {...dialogProps("remove")} opener={opener} /> : null}
      {open === "history" ? <HistoryDialog {...dialogProps("history")} opener={opener} /> : null}
    </article>
  );
}
