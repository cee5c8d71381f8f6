"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { VendorBadge } from "@/components/ui/vendor-badge";
import type { DueClock } from "@/lib/dates/due";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { DueCell } from "./due-cell";
import { TaskContactLink, TaskTitle } from "./task-title";
import { assigneeLabel, Priority, Status, TaskType } from "./task-meta";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** Name in the column menu and header. */
    label: string;
    /** Width class of the column, so pages do not jump as data changes. */
    className?: string;
    /** Can be hidden from the column menu. */
    hideable?: boolean;
  }
}

const dash = <span className="text-muted-foreground">—</span>;

/** The task table's columns (the shadcn tasks-example way: one file, rendering only). */
export function taskColumns(clock: DueClock): ColumnDef<TaskListItem>[] {
  return [
    {
      id: "due",
      accessorFn: (t) => t.dueAt,
      enableSorting: true,
      meta: { label: "Due", className: "w-[8.25rem]" },
      cell: ({ row }) => <DueCell task={row.original} clock={clock} />,
    },
    {
      id: "title",
      accessorKey: "title",
      enableSorting: false,
      meta: { label: "Task", className: "" },
      cell: ({ row }) => {
        const t = row.original;
        return (
          <div className="flex min-w-0 flex-col gap-0.5">
            <TaskTitle task={t} />
            {t.body ? (
              <span className="line-clamp-1 text-xs text-muted-foreground" title={t.body}>
                {t.body}
              </span>
            ) : null}
          </div>
        );
      },
    },
    {
      id: "type",
      accessorKey: "type",
      enableSorting: false,
      meta: { label: "Type", className: "w-12", hideable: true },
      // The icon alone (the word on hover): the title gets the width.
      cell: ({ row }) => <TaskType type={row.original.type} compact />,
    },
    {
      id: "vendor",
      accessorKey: "vendor",
      enableSorting: false,
      meta: { label: "Vendor", className: "w-[6.25rem]", hideable: true },
      cell: ({ row }) => <VendorBadge vendor={row.original.vendor} />,
    },
    {
      id: "contact",
      accessorFn: (t) => t.contact?.name ?? t.contact?.email ?? null,
      enableSorting: false,
      meta: { label: "Contact", className: "w-32", hideable: true },
      cell: ({ row }) =>
        row.original.contact ? <TaskContactLink contact={row.original.contact} className="block text-sm" /> : dash,
    },
    {
      id: "campaign",
      accessorFn: (t) => t.campaignName ?? null,
      enableSorting: false,
      meta: { label: "Campaign", className: "w-28", hideable: true },
      cell: ({ row }) => {
        const t = row.original;
        if (!t.campaignId) return dash;
        const name = t.campaignName ?? t.campaignId;
        return (
          <span className="block truncate text-sm" title={name}>
            {name}
          </span>
        );
      },
    },
    {
      id: "assignee",
      accessorFn: (t) => t.assignee?.name ?? t.assignee?.id ?? null,
      enableSorting: false,
      meta: { label: "Assignee", className: "w-28", hideable: true },
      cell: ({ row }) => <AssigneeCell assignee={row.original.assignee} />,
    },
    {
      id: "priority",
      accessorKey: "priority",
      enableSorting: true,
      sortDescFirst: true, // "high first" on the first click
      meta: { label: "Priority", className: "w-[5.5rem]", hideable: true },
      cell: ({ row }) => <Priority priority={row.original.priority} />,
    },
    {
      id: "status",
      accessorKey: "status",
      enableSorting: false,
      meta: { label: "Status", className: "w-16", hideable: true },
      cell: ({ row }) => <Status status={row.original.status} compact />,
    },
  ];
}

export const HIDEABLE_COLUMNS = ["type", "vendor", "contact", "campaign", "assignee", "priority", "status"] as const;

function AssigneeCell({ assignee: a }: { assignee: TaskListItem["assignee"] }) {
  return a ? (
    <span className="block truncate text-sm" title={a.name ?? a.id ?? ""}>
      {assigneeLabel(a)}
    </span>
  ) : (
    <span className="text-sm text-muted-foreground">Unassigned</span>
  );
}
