import { CalendarCheck, CircleCheck, SearchX } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { DuePreset } from "@/lib/dates/due";
import type { TaskStatus } from "@/lib/model/plain/task";
import { vendorNames } from "@/lib/vendors/metas";

/** Where each empty due view points next: a wider window, or (nothing open at all) the done tasks. */
const NEXT = {
  overdue: "today",
  today: "next7",
  tomorrow: "next7",
  week: "all",
  next7: "all",
  none: "all",
  all: "done",
} as const satisfies Record<DuePreset, DuePreset | "done">;

const NEXT_LABELS: Record<(typeof NEXT)[DuePreset], string> = {
  today: "See what is due today",
  next7: "See the next 7 days",
  all: "See all open tasks",
  done: "Show done tasks",
};

/**
 * Why the list is empty and what to do next: "nothing due" is good news and says so;
 * "no match" offers the way back.
 */
export function TasksEmpty({
  narrowed,
  due,
  status,
  tz,
  onReset,
  onPreset,
  onShowDone,
}: {
  /** Filters beyond the due preset and status are set (vendor, text, range…). */
  narrowed: boolean;
  due: DuePreset;
  status: TaskStatus[];
  tz: string;
  onReset: () => void;
  onPreset: (p: DuePreset) => void;
  onShowDone: () => void;
}) {
  const openOnly = status.length === 1 && status[0] === "open";
  if (narrowed || !openOnly) {
    return (
      <EmptyState
        icon={SearchX}
        title="No tasks match these filters"
        className="border-0"
        action={
          <Button variant="secondary" onClick={onReset}>
            Reset filters
          </Button>
        }
      >
        Try fewer filters, another due date, or a shorter search.
      </EmptyState>
    );
  }
  const zone = tz.replace(/_/g, " ");
  const copy: Record<DuePreset, { title: string; body: string }> = {
    overdue: {
      title: "Nothing overdue",
      body: "Every open task is on schedule.",
    },
    today: {
      title: "Nothing due today",
      body: `No open task is due today (${zone}). You are clear for the day.`,
    },
    tomorrow: {
      title: "Nothing due tomorrow",
      body: "No open task is due tomorrow.",
    },
    week: {
      title: "Nothing due this week",
      body: "No open task is due between today and Sunday.",
    },
    next7: {
      title: "Nothing due in the next 7 days",
      body: "No open task is due this coming week.",
    },
    none: {
      title: "Every open task has a due date",
      body: "Tasks without a due date would be listed here.",
    },
    all: {
      title: "No open tasks",
      body: `Everything synced from ${vendorNames((m) => m.hasTasks)} is done or ignored.`,
    },
  };
  const c = copy[due];
  const next = NEXT[due];
  return (
    <EmptyState
      icon={due === "all" ? CircleCheck : CalendarCheck}
      title={c.title}
      className="border-0"
      action={
        <Button variant="secondary" onClick={() => (next === "done" ? onShowDone() : onPreset(next))}>
          {NEXT_LABELS[next]}
        </Button>
      }
    >
      {c.body}
    </EmptyState>
  );
}
