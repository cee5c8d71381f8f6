"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CalendarClock, Check, Loader2, X } from "@/components/ui/icons";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import type { CalendarDate } from "@/lib/dates/calendar";
import { dueChange } from "@/lib/dates/reschedule";
import type { BulkJob, TaskChange } from "@/lib/model/task-change";
import { type TasksFilter, tasksSearchParams } from "@/lib/model/plain/tasks-query";
import type { TaskListItem, TasksPage } from "@/lib/model/tasks-query";
import { taskKeys } from "./queries";
import { RescheduleMenu } from "./reschedule-menu";
import { useTaskActions } from "./task-actions-context";
import { blockedReason } from "./use-task-mutation";

interface Run {
  what: string;
  tasks: TaskListItem[];
  jobs: string[];
  total: number;
  done: number;
  failed: { id: string; detail: string }[];
  running: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The bar over a selection: "select all N matching" across pages, then complete, reschedule
 * or reassign them as bulk jobs (each vendor's writes paced by the server), with progress,
 * a summary of what failed and why, and "retry the failed ones".
 */
export function BulkBar({ filter, total }: { filter: TasksFilter; total: number }) {
  const ctx = useTaskActions();
  const qc = useQueryClient();
  const [run, setRun] = useState<Run | null>(null);
  const [loadingAll, setLoadingAll] = useState(false);
  const [lastChange, setLastChange] = useState<{ change: (t: TaskListItem) => TaskChange; what: string } | null>(null);

  const selected = ctx ? [...ctx.selected.values()] : [];
  useEffect(() => {
    if (!run?.running) return;
    let stop = false;
    void (async () => {
      for (;;) {
        await sleep(500);
        if (stop) return;
        const states = await Promise.all(run.jobs.map((j) => apiFetch<BulkJob>(`/tasks/bulk/${j}`).catch(() => null)));
        const ok = states.filter((s): s is BulkJob => !!s);
        const next = {
          ...run,
          done: ok.reduce((n, s) => n + s.done, 0),
          failed: ok.flatMap((s) => s.failed),
          running: ok.length < run.jobs.length ? false : ok.some((s) => s.state === "running"),
        };
        setRun(next);
        if (!next.running) {
          void qc.invalidateQueries({ queryKey: taskKeys.all });
          return;
        }
      }
    })();
    return () => {
      stop = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one poller per started run
  }, [run?.jobs.join(","), run?.running]);

  if (!ctx?.caps || ctx.caps.scope === "none") return null;
  if (!selected.length && !run) return null;

  async function start(tasks: TaskListItem[], change: (t: TaskListItem) => TaskChange, what: string) {
    setLastChange({ change, what });
    // One job per distinct change (a date-only task gets a day, a timed one an instant).
    const groups = new Map<string, { change: TaskChange; ids: string[] }>();
    for (const t of tasks) {
      const c = change(t);
      const key = JSON.stringify(c);
      groups.set(key, { change: c, ids: [...(groups.get(key)?.ids ?? []), t.id] });
    }
    const jobs: string[] = [];
    for (const g of groups.values())
      jobs.push(
        (
          await apiFetch<{ jobId: string }>("/tasks/bulk", {
            method: "POST",
            body: JSON.stringify({ ids: g.ids, change: g.change }),
          })
        ).jobId,
      );
    setRun({ what, tasks, jobs, total: tasks.length, done: 0, failed: [], running: true });
    ctx!.clear();
  }

  async function selectAllMatching() {
    setLoadingAll(true);
    try {
      const out: TaskListItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await apiFetch<TasksPage>(
          `/tasks?${tasksSearchParams({ ...filter, group: undefined, limit: 500, cursor })}`,
        );
        out.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && out.length < 2000);
      ctx!.setSelected(out.filter((t) => !blockedReason(ctx!.caps, t)));
    } finally {
      setLoadingAll(false);
    }
  }

  const vendors = new Set(selected.map((t) => t.vendor));
  const mates = ctx.caps.teammates.filter((m) => vendors.size === 1 && vendors.has(m.vendor));
  const failedTasks = run ? run.failed : [];

  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="sticky bottom-3 z-40 flex flex-wrap items-center gap-2 rounded-xl border bg-card p-2 text-sm shadow-lg"
    >
      {run ? (
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2" aria-live="polite">
          {run.running ? (
            <Loader2 className="size-4 animate-spin" aria-hidden />
          ) : (
            <Check className="size-4" aria-hidden />
          )}
          <span>
            {run.what}: {run.done} of {run.total} done
            {run.failed.length ? `, ${run.failed.length} failed` : ""}
          </span>
          <progress className="h-2 w-32 accent-primary" max={run.total} value={run.done} aria-label="Progress" />
          {!run.running && failedTasks.length ? (
            <>
              <details className="w-full text-xs text-muted-foreground">
                <summary className="cursor-pointer">Why {failedTasks.length} failed</summary>
                <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5">
                  {failedTasks.map((f) => (
                    <li key={f.id} className="break-words">
                      {f.id}: {f.detail}
                    </li>
                  ))}
                </ul>
              </details>
              {lastChange ? (
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={async () => {
                    const ids = new Set(failedTasks.map((f) => f.id));
                    await start(
                      run.tasks.filter((t) => ids.has(t.id)),
                      lastChange.change,
                      `${lastChange.what} (retry)`,
                    );
                  }}
                >
                  Retry the failed ones
                </Button>
              ) : null}
            </>
          ) : null}
          {!run.running ? (
            <Button size="sm" variant="ghost" onClick={() => setRun(null)} aria-label="Close the summary">
              <X aria-hidden />
            </Button>
          ) : null}
        </div>
      ) : (
        <>
          <span className="font-medium">{selected.length} selected</span>
          {total > selected.length ? (
            <Button size="sm" variant="link" disabled={loadingAll} onClick={() => void selectAllMatching()}>
              {loadingAll ? "Selecting…" : `Select all ${total} matching`}
            </Button>
          ) : null}
          <div className="ml-auto flex flex-wrap items-center gap-1.5">
            <Button
              size="sm"
              variant="secondary"
              onClick={() =>
                void start(
                  selected.filter((t) => t.status === "open"),
                  () => ({ status: "done" }),
                  "Complete",
                )
              }
            >
              <Check aria-hidden /> Complete
            </Button>
            <RescheduleMenu
              tz={ctx.tz}
              now={ctx.nowMs}
              label="Reschedule the selected tasks"
              trigger={
                <Button size="sm" variant="secondary">
                  <CalendarClock aria-hidden /> Reschedule
                </Button>
              }
              onPick={(day: CalendarDate) =>
                void start(selected, (t) => dueChange(day, t, ctx.tz), `Reschedule to ${day}`)
              }
            />
            {mates.length ? (
              <select
                aria-label="Reassign the selected tasks"
                className="h-8 rounded-md border bg-card px-2 text-xs"
                value=""
                onChange={(e) => {
                  const m = mates.find((x) => x.vendorUserId === e.target.value);
                  if (m) void start(selected, () => ({ assigneeId: m.vendorUserId }), `Reassign to ${m.name}`);
                }}
              >
                <option value="">Reassign to…</option>
                {mates.map((m) => (
                  <option key={m.vendorUserId} value={m.vendorUserId}>
                    {m.name}
                  </option>
                ))}
              </select>
            ) : null}
            <Button size="sm" variant="ghost" onClick={ctx.clear}>
              Clear
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
