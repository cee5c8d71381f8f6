"use client";

import { flexRender, type Row, type Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { cn } from "@/lib/utils";

/**
 * The task list on a phone: one card per task instead of a table row, from the same row model
 * and the same cell renderers (selection, due, title, vendor, contact, actions), so nothing
 * is cut off and every action stays in reach. Sorting moves to a select above the cards.
 */
export interface TaskListProps {
  table: Table<TaskListItem>;
  loading: boolean;
  /** The rows are the previous filter's while the new ones load. */
  stale: boolean;
  empty: ReactNode;
  /**
   * Which request the rows shown answer (absent while loading or stale), as `data-request`:
   * a row set can be the same for two filters (the first page of "All" is the most overdue
   * tasks), so tests and the bench tell the new answer by this, not by the rows.
   */
  request?: string;
}

export function TaskCards({ table, loading, stale, empty }: TaskListProps) {
  const rows = table.getRowModel().rows;
  return (
    <div className="space-y-2">
      <SortSelect table={table} />
      {loading ? (
        <ul aria-busy="true" aria-label="Tasks" className="space-y-2">
          {Array.from({ length: 6 }, (_, i) => (
            <li key={i} className="space-y-2 rounded-xl border bg-card p-3">
              <Skeleton className="h-4 w-4/5" />
              <Skeleton className="h-3 w-1/2" />
            </li>
          ))}
        </ul>
      ) : rows.length === 0 ? (
        <div className="rounded-xl border bg-card p-4">{empty}</div>
      ) : (
        <ul aria-label="Tasks" aria-busy={stale} className={cn("space-y-2 transition-opacity", stale && "opacity-60")}>
          {rows.map((row) => (
            <TaskCard key={row.id} row={row} />
          ))}
        </ul>
      )}
    </div>
  );
}

function TaskCard({ row }: { row: Row<TaskListItem> }) {
  const cells = new Map(row.getAllCells().map((c) => [c.column.id, c]));
  const cell = (id: string) => {
    const c = cells.get(id);
    return c ? flexRender(c.column.columnDef.cell, c.getContext()) : null;
  };
  return (
    <li data-task-id={row.original.id} className="rounded-xl border bg-card p-3 text-sm shadow-xs">
      <div className="flex items-start gap-2">
        {cells.has("select") ? <div className="pt-0.5">{cell("select")}</div> : null}
        <div className="min-w-0 flex-1 space-y-1.5">
          {cell("title")}
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
            {cell("due")}
            {cell("vendor")}
            {cell("contact")}
          </div>
        </div>
        {cells.has("actions") ? <div className="-mt-1 -mr-1 shrink-0">{cell("actions")}</div> : null}
      </div>
    </li>
  );
}

/** The table's sortable columns, both ways, as one select (a phone has no column headers). */
function SortSelect({ table }: { table: Table<TaskListItem> }) {
  const sortable = table.getAllLeafColumns().filter((c) => c.getCanSort());
  if (sortable.length === 0) return null;
  const [current] = table.getState().sorting;
  const value = current ? `${current.desc ? "-" : ""}${current.id}` : "";
  const options = sortable.flatMap((c) => {
    const label = c.columnDef.meta?.label ?? c.id;
    const [up, down] = c.id === "priority" ? ["low first", "high first"] : ["soonest first", "latest first"];
    return [
      { value: c.id, label: `${label}, ${up}` },
      { value: `-${c.id}`, label: `${label}, ${down}` },
    ];
  });
  return (
    <div className="flex items-center justify-end gap-2 text-xs text-muted-foreground">
      <span aria-hidden>Sort</span>
      <select
        aria-label="Sort tasks"
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          table.setSorting(v ? [{ id: v.replace(/^-/, ""), desc: v.startsWith("-") }] : []);
        }}
        className="h-8 rounded-md border border-input bg-background px-2 text-sm text-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
      >
        {value === "" ? <option value="">Default</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
