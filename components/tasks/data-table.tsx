"use client";

import { flexRender, type Header } from "@tanstack/react-table";
import { Skeleton } from "@/components/ui/skeleton";
import { ariaSort, SortButton } from "@/components/ui/sort-arrow";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { cn } from "@/lib/utils";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { OWN_HEADER_COLUMNS } from "./task-actions";
import { TaskCards, type TaskListProps } from "./task-cards";

/** The task table: sortable headers (server-side sorting), one row per task; cards on a phone. */
export function DataTable(props: TaskListProps) {
  const phone = useMediaQuery("(max-width: 639px)");
  return phone ? <TaskCards {...props} /> : <TaskTable {...props} />;
}

function TaskTable({ table, loading, stale, empty, request }: TaskListProps) {
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  return (
    <div className="relative overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table
        className="w-full min-w-[70rem] table-fixed caption-bottom text-sm"
        aria-busy={loading || stale}
        data-request={loading || stale ? undefined : request}
      >
        <caption className="sr-only">Tasks</caption>
        <thead className="border-b bg-muted/40">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => (
                <HeaderCell key={h.id} header={h} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody className={cn("transition-opacity", stale && "opacity-60")}>
          {loading
            ? Array.from({ length: 8 }, (_, i) => (
                <tr key={i} className="border-b last:border-0">
                  {columns.map((c) => (
                    <td key={c.id} className="h-14 px-2">
                      <Skeleton className={cn("h-4", c.id === "title" ? "w-4/5" : "w-3/4")} />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((row) => (
                <tr
                  key={row.id}
                  data-task-id={row.original.id}
                  className="border-b transition-colors last:border-0 hover:bg-muted/40"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={cn("h-14 px-2 py-2 align-middle", cell.column.columnDef.meta?.className)}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
          {!loading && rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="p-4">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell({ header }: { header: Header<TaskListItem, unknown> }) {
  const meta = header.column.columnDef.meta;
  const label = meta?.label ?? header.column.id;
  const sorted = header.column.getIsSorted();
  // A column that renders its own header (the selection checkbox).
  if (OWN_HEADER_COLUMNS.has(header.column.id))
    return (
      <th scope="col" className={cn("h-10 px-2 text-left", meta?.className)}>
        {flexRender(header.column.columnDef.header, header.getContext())}
      </th>
    );
  if (!header.column.getCanSort()) {
    return (
      <th
        scope="col"
        className={cn(
          "h-10 px-2 text-left text-xs font-medium whitespace-nowrap text-muted-foreground",
          meta?.className,
        )}
      >
        {label}
      </th>
    );
  }
  const describe =
    header.column.id === "priority"
      ? sorted === "desc"
        ? "high first"
        : "low first"
      : sorted === "asc"
        ? "soonest first"
        : "latest first";
  return (
    <th
      scope="col"
      aria-sort={ariaSort(sorted) ?? "none"}
      // The button's own padding lines its label up with the cells' text.
      className={cn(
        "h-10 px-0.5 text-left text-xs font-medium whitespace-nowrap text-muted-foreground",
        meta?.className,
      )}
    >
      <SortButton
        sorted={sorted}
        onClick={header.column.getToggleSortingHandler()}
        className={cn("h-7 rounded-md px-1.5 hover:bg-muted hover:text-foreground", sorted && "text-foreground")}
        aria-label={`Sort by ${label.toLowerCase()}${sorted ? ` (now ${describe})` : ""}`}
      >
        {label}
      </SortButton>
    </th>
  );
}
