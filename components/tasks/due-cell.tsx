import { CircleAlert } from "@/components/ui/icons";
import type { DueClock } from "@/lib/dates/due";
import { formatDue } from "@/lib/dates/format";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { cn } from "@/lib/utils";

/** Relative ("Tomorrow", "In 3 hours") over absolute ("Tue 12 May, 14:30"), red when an open task is overdue. */
export function DueCell({
  task,
  clock,
  className,
}: {
  task: Pick<TaskListItem, "dueAt" | "dueDate" | "dueIsDateOnly" | "status">;
  clock: DueClock;
  className?: string;
}) {
  const label = formatDue(task, clock, "en-GB");
  if (!label) return <span className={cn("text-sm text-muted-foreground", className)}>No due date</span>;
  const overdue = label.overdue && task.status === "open";
  return (
    <time
      dateTime={label.dateTime}
      className={cn("flex min-w-0 flex-col leading-tight", className)}
      title={task.dueIsDateOnly ? `${label.absolute} (all day)` : `${label.absolute} (${clock.tz})`}
    >
      <span
        className={cn(
          "inline-flex items-center gap-1 text-sm font-medium whitespace-nowrap",
          overdue && "text-destructive",
        )}
      >
        {overdue ? <CircleAlert className="size-3.5 shrink-0" aria-hidden /> : null}
        {overdue ? <span className="sr-only">Overdue: </span> : null}
        {label.relative}
      </span>
      <span className={cn("text-xs whitespace-nowrap text-muted-foreground", overdue && "text-destructive")}>
        {label.absolute}
        {task.dueIsDateOnly ? " · all day" : ""}
      </span>
    </time>
  );
}
