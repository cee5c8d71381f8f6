import { AlertTriangle, History } from "@/components/ui/icons";
import type { Connection } from "@/lib/model/connection";
import { describeHorizon, formatDay } from "@/lib/model/plain/history";

const STREAM_LABEL: Record<string, string> = {
  activities: "Activities",
  campaigns: "Campaigns",
  tasks: "Tasks",
  contacts: "Contacts",
};

/**
 * "History back to 14 Mar 2024 — still reading" (or complete), what the user chose, each
 * stream that reads history when there are several, and what the last run warned about.
 */
export function historyLine(c: Connection): string | null {
  const h = c.history;
  if (!h) return null;
  if (h.streams.length === 0) return c.lastSyncAt ? null : "Not read yet";
  if (h.complete) return h.backTo ? `Complete back to ${formatDay(h.backTo)}` : "Complete";
  return h.backTo ? `History back to ${formatDay(h.backTo)} — still reading` : "Still reading";
}

export function HistorySummary({ connection: c, action }: { connection: Connection; action?: React.ReactNode }) {
  const h = c.history;
  const line = historyLine(c);
  const several = (h?.streams.length ?? 0) > 1 && !h?.complete;
  const warnings = c.sync.progress.warnings ?? [];
  return (
    <div className="space-y-1.5 text-xs">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <History className="size-3.5 text-muted-foreground" aria-hidden />
        <span className="text-muted-foreground">
          History: <span className="text-foreground">{describeHorizon(h?.horizon)}</span>
          {line ? (
            <>
              {" · "}
              <span className={h?.complete ? undefined : "font-medium text-foreground"}>{line}</span>
            </>
          ) : null}
        </span>
        {action}
      </div>
      {several ? (
        <ul className="ml-5 space-y-0.5 text-muted-foreground">
          {h!.streams.map((s) => (
            <li key={s.stream}>
              {STREAM_LABEL[s.stream] ?? s.stream}:{" "}
              {s.complete
                ? s.backTo
                  ? `complete back to ${formatDay(s.backTo)}`
                  : "complete"
                : s.backTo
                  ? `back to ${formatDay(s.backTo)} — still reading`
                  : "still reading"}
            </li>
          ))}
        </ul>
      ) : null}
      {warnings.length ? (
        <ul className="space-y-0.5">
          {warnings.map((w) => (
            <li key={w} className="flex gap-1.5 text-foreground">
              <AlertTriangle className="mt-0.5 size-3.5 shrink-0 text-warning" aria-hidden />
              <span>{w}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
