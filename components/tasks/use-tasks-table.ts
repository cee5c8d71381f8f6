"use client";

import { useQuery } from "@tanstack/react-query";
import {
  getCoreRowModel,
  type SortingState,
  type Updater,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { useMemo } from "react";
import type { DueClock } from "@/lib/dates/due";
import type { TaskSort } from "@/lib/model/plain/tasks-query";
import type { TasksPage } from "@/lib/model/tasks-query";
import { taskColumns } from "./columns";
import { withActionColumns } from "./task-actions";
import { taskCapabilitiesOptions } from "./use-task-mutation";
import type { useTasksFilter } from "./use-tasks-filter";

type TasksFilterState = ReturnType<typeof useTasksFilter>;

/**
 * The task table over one page from the server: sorting and paging happen there, so the
 * table only mirrors the URL's sort and hidden columns and writes changes back to it.
 */
export function useTasksTable({
  page,
  clock,
  params: p,
  setParams,
}: {
  page: TasksPage | undefined;
  clock: DueClock;
  params: TasksFilterState["params"];
  setParams: TasksFilterState["setParams"];
}) {
  const caps = useQuery(taskCapabilitiesOptions()).data;
  const canAct = !!caps && caps.scope !== "none";
  const columns = useMemo(() => withActionColumns(taskColumns(clock), canAct), [clock, canAct]);
  const sorting: SortingState = useMemo(
    () => [
      p.sort === "dueAt" || p.sort === "-dueAt"
        ? { id: "due", desc: p.sort === "-dueAt" }
        : { id: "priority", desc: p.sort === "priority" },
    ],
    [p.sort],
  );
  const columnVisibility: VisibilityState = useMemo(() => Object.fromEntries(p.hide.map((c) => [c, false])), [p.hide]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions by design.
  return useReactTable({
    data: page?.data ?? [],
    columns,
    getRowId: (t) => t.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    rowCount: page?.total ?? 0,
    state: { sorting, columnVisibility },
    onSortingChange: (u: Updater<SortingState>) => {
      const next = (typeof u === "function" ? u(sorting) : u)[0];
      if (!next) return;
      const sort: TaskSort =
        next.id === "priority" ? (next.desc ? "priority" : "-priority") : next.desc ? "-dueAt" : "dueAt";
      void setParams({ sort: sort === "dueAt" ? null : sort });
    },
    onColumnVisibilityChange: (u: Updater<VisibilityState>) => {
      const next = typeof u === "function" ? u(columnVisibility) : u;
      const hidden = Object.entries(next).flatMap(([c, v]) => (v ? [] : [c]));
      void setParams({ hide: hidden.length ? hidden : null });
    },
  });
}
