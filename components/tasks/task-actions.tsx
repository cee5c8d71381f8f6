"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Check, Lock, RotateCcw } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { dueChange } from "@/lib/dates/reschedule";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { MoreActions } from "./more-actions";
import { RescheduleMenu } from "./reschedule-menu";
import { useTaskApi, useTaskSelection, useTaskStatus } from "./task-actions-context";
import { actionsFor } from "./use-task-mutation";

/** Complete / reopen / reschedule / reassign / priority on one task, as its vendor and the viewer's role allow. */
export function RowActions({ task }: { task: TaskListItem }) {
  const api = useTaskApi();
  const { pending, rescheduling } = useTaskStatus();
  if (!api || !api.caps || api.caps.scope === "none") return null;
  const why = api.blocked(task);
  if (why)
    return (
      <span className="inline-flex size-8 items-center justify-center text-muted-foreground" title={why}>
        <Lock className="size-3.5" aria-hidden />
        <span className="sr-only">{why}</span>
      </span>
    );
  const actions = actionsFor(api.caps, task)!;
  const busy = pending.has(task.id);
  const mates = api.caps.teammates.filter((m) => m.vendor === task.vendor && m.vendorUserId !== task.assignee?.id);
  const rescheduleLabel = `Reschedule “${task.title}”`;
  const moreLabel = `More actions on “${task.title}”`;
  // An open task completes; a done one reopens where the vendor allows it.
  const toggle =
    task.status === "open"
      ? ({ verb: "Complete", title: "Complete (e)", Icon: Check, status: "done", toast: "Completed" } as const)
      : actions.reopen
        ? ({ verb: "Reopen", title: "Reopen", Icon: RotateCcw, status: "open", toast: "Reopened" } as const)
        : null;
  const completeOrReopen = toggle ? (
    <Button
      variant="ghost"
      size="icon"
      className="size-8"
      disabled={busy}
      aria-label={`${toggle.verb} “${task.title}”`}
      title={toggle.title}
      onClick={() => api.change(task, { status: toggle.status }, toggle.toast)}
    >
      <toggle.Icon aria-hidden />
    </Button>
  ) : (
    <span className="size-8" title={actions.noReopen} />
  );

  return (
    <div className="flex items-center justify-end">
      {completeOrReopen}
      <RescheduleMenu
        tz={api.tz}
        now={api.nowMs}
        label={rescheduleLabel}
        open={rescheduling === task.id}
        onOpenChange={(o) => api.setRescheduling(o ? task.id : null)}
        onPick={(day) => api.change(task, dueChange(day, task, api.tz), `Rescheduled to ${day}`)}
      />
      <MoreActions task={task} actions={actions} mates={mates} label={moreLabel} />
    </div>
  );
}

function SelectAllOnPage() {
  const api = useTaskApi();
  const selection = useTaskSelection();
  if (!api?.caps || api.caps.scope === "none") return null;
  const ctx = { ...api, ...selection };
  const selectable = ctx.page.filter((t) => !ctx.blocked(t));
  const all = selectable.length > 0 && selectable.every((t) => ctx.selected.has(t.id));
  return (
    <input
      type="checkbox"
      className="size-4 accent-primary"
      aria-label="Select every task on this page"
      checked={all}
      disabled={!selectable.length}
      onChange={() => ctx.setSelected(all ? [] : selectable)}
    />
  );
}

function SelectRow({ task }: { task: TaskListItem }) {
  const api = useTaskApi();
  const { selected } = useTaskSelection();
  if (!api?.caps || api.caps.scope === "none") return null;
  const ctx = { ...api, selected };
  const why = ctx.blocked(task);
  return (
    <input
      type="checkbox"
      className="size-4 accent-primary"
      aria-label={`Select “${task.title}”`}
      title={why ?? "Select (x); Shift-click selects a range"}
      disabled={!!why}
      checked={ctx.selected.has(task.id)}
      onChange={() => {}}
      onClick={(e) => ctx.toggle(task, e.shiftKey)}
    />
  );
}

/** Columns whose header is their own component, not a label (the data table renders them as they are). */
export const OWN_HEADER_COLUMNS = new Set(["select", "actions"]);

/** The table's columns with a selection checkbox first and the actions last (shown only to who may act). */
export function withActionColumns(columns: ColumnDef<TaskListItem>[], canAct: boolean): ColumnDef<TaskListItem>[] {
  if (!canAct) return columns;
  return [
    {
      id: "select",
      enableSorting: false,
      enableHiding: false,
      meta: { label: "Select", className: "w-9" },
      header: () => <SelectAllOnPage />,
      cell: ({ row }) => <SelectRow task={row.original} />,
    },
    ...columns,
    {
      id: "actions",
      enableSorting: false,
      enableHiding: false,
      // Three 2rem buttons: the cell's padding is trimmed so they fit.
      // On a phone the table scrolls sideways: the actions stay pinned to its right edge.
      meta: {
        label: "Actions",
        className:
          "w-[6.75rem] px-1 max-md:sticky max-md:right-0 max-md:bg-card max-md:shadow-[-6px_0_6px_-6px_rgb(0_0_0/0.2)]",
      },
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => <RowActions task={row.original} />,
    },
  ];
}
