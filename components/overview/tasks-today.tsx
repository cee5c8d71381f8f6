import { CalendarCheck } from "@/components/ui/icons";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QuietNote } from "@/components/ui/quiet-note";
import type { TaskFigures } from "@/lib/server/queries/overview";
import { DueTodayList } from "./due-today-list";

const n = (x: number) => x.toLocaleString("en-GB");

/**
 * "12 open: 3 overdue · 2 due today · 7 later or undated" — the parts add up to the whole,
 * and each links to the tasks page's preset with the same count (overdue and today disjoint).
 */
function TaskCounts({ data, who }: { data: Omit<TaskFigures, "today">; who: string }) {
  if (data.open === 0) return <>No open tasks.</>;
  const later = data.open - data.overdue - data.total;
  const link = (href: string, text: string) => (
    <Link href={href} className="underline-offset-4 hover:text-foreground hover:underline">
      {text}
    </Link>
  );
  return (
    <>
      {link(`/tasks?due=all${who}`, `${n(data.open)} open`)}:{" "}
      {link(`/tasks?due=overdue${who}`, `${n(data.overdue)} overdue`)} ·{" "}
      {link(`/tasks?due=today${who}`, `${n(data.total)} due today`)} · {n(later)} later or undated
    </>
  );
}

/** Open tasks due today in the viewer's zone (date-only due dates as dates), and how many are overdue. */
export function TasksToday({
  data,
  tz,
  mine = false,
}: {
  data: Omit<TaskFigures, "today">;
  tz: string;
  /** The viewer's own tasks (members): the links open "Assigned to me". */
  mine?: boolean;
}) {
  const who = mine ? "&who=me" : "";
  return (
    <Card aria-label="Tasks due today">
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="space-y-1">
          <CardTitle>{mine ? "Your tasks due today" : "Due today"}</CardTitle>
          <CardDescription className="text-xs">
            <TaskCounts data={data} who={who} />
          </CardDescription>
        </div>
        <Button asChild variant="ghost" size="sm">
          <Link href={`/tasks?due=today${who}`}>{mine ? "Your tasks" : "All tasks"}</Link>
        </Button>
      </CardHeader>
      <CardContent>
        {data.tasks.length === 0 ? (
          <QuietNote icon={CalendarCheck}>
            {data.overdue > 0 ? (
              <Link href={`/tasks?due=overdue${who}`} className="underline underline-offset-4">
                Catch up on {data.overdue} overdue {data.overdue === 1 ? "task" : "tasks"}
              </Link>
            ) : (
              "A clear day."
            )}
          </QuietNote>
        ) : (
          <DueTodayList tasks={data.tasks} tz={tz} />
        )}
        {data.total > data.tasks.length ? (
          <Link
            href={`/tasks?due=today${who}`}
            className="mt-3 inline-block text-xs text-muted-foreground underline underline-offset-4 hover:text-foreground"
          >
            and {data.total - data.tasks.length} more due today
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}
