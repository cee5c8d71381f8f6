"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { VendorBadge } from "@/components/ui/vendor-badge";
import { DUE_GROUPS, type DueClock, type DueGroup } from "@/lib/dates/due";
import type { TasksFilter } from "@/lib/model/plain/tasks-query";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { cn } from "@/lib/utils";
import { DueCell } from "./due-cell";
import { taskGroupOptions } from "./queries";
import { assigneeLabel, Priority, Status, TaskType } from "./task-meta";
import { TaskContactLink, TaskTitle } from "./task-title";
import { GroupedSkeleton } from "./tasks-skeleton";

export const GROUP_LABELS: Record<DueGroup, string> = {
  overdue: "Overdue",
  today: "Today",
  tomorrow: "Tomorrow",
  week: "Later this week",
  later: "Later",
  none: "No due date",
};
const GROUP_HINTS: Partial<Record<DueGroup, string>> = {
  overdue: "Due before now",
  today: "Due later today",
  week: "After tomorrow, until Sunday",
  later: "After this week",
};

const PAGE = 25;

/** The grouped view: one section per bucket (Overdue, Today, …), each loading its own tasks. */
export function GroupedView({
  filter,
  counts,
  clock,
  empty,
}: {
  filter: TasksFilter;
  counts: Record<DueGroup, number> | undefined;
  clock: DueClock;
  empty: React.ReactNode;
}) {
  if (!counts) return <GroupedSkeleton />;
  const groups = DUE_GROUPS.filter((g) => counts[g] > 0);
  if (groups.length === 0) return <>{empty}</>;
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <GroupSection key={g} group={g} count={counts[g]} filter={filter} clock={clock} />
      ))}
    </div>
  );
}

function GroupSection({
  group,
  count,
  filter,
  clock,
}: {
  group: DueGroup;
  count: number;
  filter: TasksFilter;
  clock: DueClock;
}) {
  const q = useInfiniteQuery(taskGroupOptions(group, filter, PAGE));
  const tasks = q.data?.pages.flatMap((p) => p.data) ?? [];
  const headingId = `group-${group}`;
  const remaining = count - tasks.length;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <div className="flex items-baseline gap-2 px-1">
        <h2 id={headingId} className={cn("text-sm font-semibold", group === "overdue" && "text-destructive")}>
          {GROUP_LABELS[group]}
        </h2>
        <span className="rounded-md bg-muted px-1.5 font-mono text-xs text-muted-foreground tabular-nums">
          {count.toLocaleString("en-GB")}
        </span>
        {GROUP_HINTS[group] ? <span className="text-xs text-muted-foreground">{GROUP_HINTS[group]}</span> : null}
      </div>
      <ul
        className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs"
        aria-label={`${GROUP_LABELS[group]} tasks`}
      >
        {q.isPending
          ? Array.from({ length: Math.min(count, 3) }, (_, i) => (
              <li key={i} className="flex h-16 items-center gap-4 px-4">
                <Skeleton className="h-4 w-24" />
                <Skeleton className="h-4 flex-1" />
              </li>
            ))
          : tasks.map((t) => <GroupRow key={t.id} task={t} clock={clock} />)}
        {q.isError ? (
          <li className="px-4 py-3 text-sm text-destructive">Could not load these tasks: {q.error.message}</li>
        ) : null}
      </ul>
      {q.hasNextPage ? (
        <Button variant="ghost" size="sm" onClick={() => q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage
            ? "Loading…"
            : `Show ${Math.min(PAGE, remaining).toLocaleString("en-GB")} more of ${remaining.toLocaleString("en-GB")}`}
        </Button>
      ) : null}
    </section>
  );
}

function GroupRow({ task: t, clock }: { task: TaskListItem; clock: DueClock }) {
  return (
    <li
      data-task-id={t.id}
      className="grid grid-cols-[9.5rem_minmax(0,1fr)_auto] items-center gap-4 px-4 py-2.5 hover:bg-muted/40 max-md:grid-cols-1 max-md:gap-1"
    >
      <DueCell task={t} clock={clock} />
      <div className="min-w-0 space-y-1">
        <TaskTitle task={t} className="text-sm" />
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
          <VendorBadge vendor={t.vendor} />
          <TaskType type={t.type} className="text-xs" />
          {t.contact ? <TaskContactLink contact={t.contact} className="max-w-48 text-foreground" /> : null}
          {t.campaignId ? <span className="max-w-48 truncate">{t.campaignName ?? t.campaignId}</span> : null}
          <span title={t.assignee?.id ?? undefined}>{assigneeLabel(t.assignee)}</span>
        </div>
      </div>
      <div className="flex items-center gap-3 max-md:justify-start">
        <Priority priority={t.priority} />
        {t.status !== "open" ? <Status status={t.status} /> : null}
      </div>
    </li>
  );
}
