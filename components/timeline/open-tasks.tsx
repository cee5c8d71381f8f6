"use client";

import { AlertCircle, CalendarClock, ExternalLink, ListTodo } from "@/components/ui/icons";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { RowActions } from "@/components/tasks/task-actions";
import { PageTasks } from "@/components/tasks/task-actions-context";
import { Button } from "@/components/ui/button";
import { VendorBadge } from "@/components/ui/vendor-badge";
import { dueClock, formatDue } from "@/lib/dates";
import { safeExternalUrl } from "@/lib/model/deep-links";
import type { Task } from "@/lib/model/task";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";

const SHOWN = 4;

/**
 * The person's open tasks, pinned above the timeline: overdue first and highlighted, each with
 * the task page's actions (complete, reschedule, more) for whoever may act on it. The actions'
 * provider is the contact page's (the timeline's task rows share it).
 */
export function OpenTasks({ tasks, tz }: { tasks: Task[]; tz: string }) {
  const [all, setAll] = useState(false);
  const [now] = useState(() => Date.now());
  // The actions take list items; the person is the page itself, so no contact on them.
  const items = useMemo<TaskListItem[]>(() => tasks.map((t) => ({ ...t, contact: null })), [tasks]);
  if (items.length === 0) return null;
  const clock = dueClock(tz, now);
  const rows = items.map((t) => ({ task: t, due: formatDue(t, clock, "en-GB") }));
  const overdue = rows.filter((r) => r.due?.overdue).length;
  const shown = all ? rows : rows.slice(0, SHOWN);
  return (
    <>
      <PageTasks tasks={items} />
      <section aria-labelledby="open-tasks-title" className="rounded-xl border bg-card shadow-xs">
        <div className="flex items-center justify-between gap-3 border-b px-4 py-2.5">
          <h2 id="open-tasks-title" className="flex items-center gap-2 text-sm font-semibold">
            <ListTodo aria-hidden className="size-4 text-muted-foreground" />
            Open tasks
            <span className="font-normal text-muted-foreground">{tasks.length}</span>
            {overdue ? <Badge variant="destructive">{overdue} overdue</Badge> : null}
          </h2>
        </div>
        <ul className="divide-y">
          {shown.map(({ task, due }) => {
            const link = safeExternalUrl(task.url);
            return (
              <li
                key={task.id}
                data-task-id={task.id}
                // On a phone the vendor, link and actions wrap under the title instead of squeezing it.
                className={cn(
                  "flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm",
                  due?.overdue && "bg-destructive/5",
                )}
              >
                {due?.overdue ? (
                  <AlertCircle aria-hidden className="size-4 shrink-0 text-destructive" />
                ) : (
                  <CalendarClock aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                )}
                <div className="min-w-0 flex-1 basis-52">
                  <p className="truncate font-medium">{task.title}</p>
                  <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
                    {due ? (
                      <time
                        dateTime={due.dateTime}
                        title={due.absolute}
                        className={cn(due.overdue && "font-medium text-destructive")}
                      >
                        {due.overdue
                          ? `Overdue · ${due.absolute}`
                          : `Due ${due.relative.toLowerCase() === due.absolute.toLowerCase() ? due.absolute : `${due.relative.charAt(0).toLowerCase()}${due.relative.slice(1)} · ${due.absolute}`}`}
                      </time>
                    ) : (
                      <span>No due date</span>
                    )}
                    <span>{task.type}</span>
                    {task.assignee?.name ? <span>for {task.assignee.name}</span> : null}
                    {task.priority === "high" ? <Badge variant="warning">high priority</Badge> : null}
                  </p>
                </div>
                <div className="ml-auto flex items-center gap-2">
                  <VendorBadge vendor={task.vendor} />
                  {link ? (
                    <a
                      href={link}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={`Open task “${task.title}” in ${VENDOR_LABELS[task.vendor]}`}
                      className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground"
                    >
                      <ExternalLink aria-hidden className="size-3.5" />
                    </a>
                  ) : null}
                  <RowActions task={task} />
                </div>
              </li>
            );
          })}
        </ul>
        {rows.length > SHOWN ? (
          <div className="border-t px-2 py-1.5">
            <Button variant="ghost" size="sm" className="w-full" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? "Show fewer" : `Show all ${rows.length} open tasks`}
            </Button>
          </div>
        ) : null}
      </section>
    </>
  );
}
