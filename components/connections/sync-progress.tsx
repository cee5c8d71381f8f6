import type { SyncState } from "@/lib/model/connection";
import { cn } from "@/lib/utils";
import { formatDuration, numberFormat } from "./status";

/** The progress bar of a running sync: share of the streams done, rows so far, the stream and window being read, rate-limit waits. */
export function SyncProgress({ sync, label }: { sync: SyncState; label: string }) {
  const fraction = sync.progress.fraction;
  const percent = fraction === undefined ? null : Math.round(fraction * 100);
  const details = [
    `${numberFormat.format(sync.progress.done)} ${sync.progress.unit} so far`,
    sync.progress.stream ? `reading ${sync.progress.stream}` : null,
    sync.progress.window ? sync.progress.window : null,
  ].filter(Boolean);
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label={`Sync progress of ${label}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? "Starting" : `${percent}%`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            "h-full rounded-full bg-primary transition-[width] duration-500",
            percent === null && "w-1/4 animate-pulse",
          )}
          style={percent === null ? undefined : { width: `${Math.max(2, percent)}%` }}
        />
      </div>
      <p className="flex flex-wrap justify-between gap-x-3 text-xs text-muted-foreground">
        <span>{details.join(" · ")}</span>
        <span className="tabular-nums">
          {percent === null ? "starting…" : `${percent}%`}
          {sync.rateLimitedMs >= 1000 ? ` · waited ${formatDuration(sync.rateLimitedMs)} for rate limits` : ""}
        </span>
      </p>
    </div>
  );
}
