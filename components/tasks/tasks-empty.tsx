import { CalendarCheck, CircleCheck, SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { DuePreset } from "@/lib/dates/due";
import type { TaskStatus } from "@/lib/model/plain/task";
import { vendorNames } from "@/lib/vendors/metas";

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
  const copy: Record<DuePreset, { title: string; body: string; next?: [string, () => void] }> = {
    overdue: {
      title: "Nothing overdue",
      body: "Every open task is on schedule.",
      next: ["See what is due today", () => onPreset("today")],
    },
    today: {
      title: "Nothing due today",
      body: `No open task is due today (${zone}). You are clear for the day.`,
      next: ["See the next 7 days", () => onPreset("next7")],
    },
    tomorrow: {
      title: "Nothing due tomorrow",
      body: "No open task is due tomorrow.",
      next: ["See the next 7 days", () => onPreset("next7")],
    },
    week: {
      title: "Nothing due this week",
      body: "No open task is due between today and Sunday.",
      next: ["See all open tasks", () => onPreset("all")],
    },
    next7: {
      title: "Nothing due in the next 7 days",
      body: "No open task is due this coming week.",
      next: ["See all open tasks", () => onPreset("all")],
    },
    none: {
      title: "Every open task has a due date",
      body: "Tasks without a due date would be listed here.",
      next: ["See all open tasks", () => onPreset("all")],
    },
    all: {
      title: "No open tasks",
      body: `Everything synced from ${vendorNames((m) => m.hasTasks)} is done or ignored.`,
      next: ["Show done tasks", onShowDone],
    },
  };
  const c = copy[due];
  return (
    <EmptyState
      icon={due === "all" ? CircleCheck : CalendarCheck}
      title={c.title}
      className="border-0"
      action={
        c.next ? (
          <Button variant="secondary" onClick={c.next[1]}>
            {c.next[0]}
          </Button>
        ) : null
      }
    >
      {c.body}
    </EmptyState>
  );
}
