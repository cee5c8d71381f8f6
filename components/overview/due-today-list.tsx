"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RowActions } from "@/components/tasks/task-actions";
import { PageTasks, TaskActionsProvider } from "@/components/tasks/task-actions-context";
import { Badge } from "@/components/ui/badge";
import { VendorDot } from "@/components/ui/vendor-badge";
import type { TaskListItem } from "@/lib/model/tasks-query";

/**
 * The overview's "Due today" rows, each with the tasks page's actions (complete, reschedule,
 * more) for whoever may act on it. The figures are server-rendered: a settled change re-renders
 * the page, so the counts above the list follow the vendor's answer.
 */
export function DueTodayList({ tasks, tz }: { tasks: TaskListItem[]; tz: string }) {
  const router = useRouter();
  const [now] = useState(() => Date.now());
  const time = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
  return (
    <TaskActionsProvider tz={tz} nowMs={now} onChanged={() => router.refresh()}>
      <PageTasks tasks={tasks} />
      <ul className="divide-y">
        {tasks.map((t) => (
          <li key={t.id} data-task-id={t.id} className="flex items-center gap-2 py-1.5 text-sm first:pt-0 last:pb-0">
            <VendorDot vendor={t.vendor} />
            <span className="min-w-0 flex-1 truncate">
              {t.title}
              {t.contact?.name ? (
                <>
                  {" · "}
                  <Link
                    href={`/contacts/${encodeURIComponent(t.contact.id)}`}
                    className="text-muted-foreground underline underline-offset-4 hover:text-foreground"
                  >
                    {t.contact.name}
                  </Link>
                </>
              ) : null}
            </span>
            {t.priority === "high" ? <Badge variant="destructive">High</Badge> : null}
            <span className="shrink-0 text-xs text-muted-foreground">
              {t.dueIsDateOnly || !t.dueAt ? "Today" : time(t.dueAt)}
            </span>
            <RowActions task={t} />
          </li>
        ))}
      </ul>
    </TaskActionsProvider>
  );
}
