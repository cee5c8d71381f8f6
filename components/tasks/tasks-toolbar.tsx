"use client";

import type { Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { X } from "@/components/ui/icons";
import { SearchBox } from "@/components/filters/search-box";
import { Button } from "@/components/ui/button";
import { VendorDot } from "@/components/ui/vendor-badge";
import { TASK_STATUSES, type TaskStatus } from "@/lib/model/plain/task";
import { TASK_STATUS_LABELS } from "@/lib/model/plain/tasks-query";
import type { FacetOption, TaskFacets, TaskListItem } from "@/lib/model/tasks-query";
import { VENDORS_WITH_TASKS, VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { FacetedFilter } from "./faceted-filter";
import { StatusIcon, TypeIcon } from "./task-meta";
import type { useTasksFilter } from "./use-tasks-filter";
import { ViewOptions } from "./view-options";

type TasksFilterState = ReturnType<typeof useTasksFilter>;

/** The tasks page's filter row (the shadcn tasks-example toolbar): search, facet menus with counts, reset, columns. */
export function TasksToolbar({
  params: p,
  setParams,
  status,
  mine,
  facets: f,
  facetsPending,
  search,
  onSearch,
  changed,
  onReset,
  table,
  grouped,
}: {
  params: TasksFilterState["params"];
  setParams: TasksFilterState["setParams"];
  status: TaskStatus[];
  mine: boolean;
  facets: TaskFacets | undefined;
  facetsPending: boolean;
  /** The search box's text, ahead of the URL while the user types. */
  search: string;
  onSearch: (q: string) => void;
  changed: boolean;
  onReset: () => void;
  table: Table<TaskListItem>;
  grouped: boolean;
}) {
  const statusOptions: FacetOption[] = TASK_STATUSES.map((s) => ({
    value: s,
    label: TASK_STATUS_LABELS[s],
    count: f?.statuses.find((o) => o.value === s)?.count ?? 0,
  }));
  const vendorOptions: FacetOption[] = f
    ? [
        ...f.vendors,
        ...VENDORS_WITH_TASKS.filter((v) => !f.vendors.some((o) => o.value === v)).map((v) => ({
          value: v,
          label: VENDOR_LABELS[v],
          count: 0,
        })),
      ]
    : [];

  // The facets of free text values (types, people, campaigns): one menu each, alike. Only
  // "Everyone" lists the assignees: "Assigned to me" already says whose tasks these are.
  const listFacets: {
    key: "types" | "assignee" | "campaignId";
    title: string;
    options?: FacetOption[];
    icon?: (v: string) => ReactNode;
  }[] = [
    { key: "types", title: "Type", options: f?.types, icon: (v) => <TypeIcon type={v} /> },
    ...(mine ? [] : [{ key: "assignee" as const, title: "Assignee", options: f?.assignees }]),
    { key: "campaignId", title: "Campaign", options: f?.campaigns },
  ];

  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox
        label="Search tasks"
        placeholder="Search tasks, people, campaigns…"
        value={search}
        onValueChange={onSearch}
        onEnter={() => void setParams({ q: search || null }, { history: "replace" })}
        className="sm:w-60"
      />
      <FacetedFilter
        title="Status"
        options={statusOptions}
        selected={status}
        onChange={(v) => void setParams({ status: v.length === 1 && v[0] === "open" ? null : (v as TaskStatus[]) })}
        icon={(v) => <StatusIcon status={v as TaskStatus} className="size-3.5 text-muted-foreground" />}
      />
      <FacetedFilter
        title="Vendor"
        options={vendorOptions}
        selected={p.vendors}
        loading={facetsPending}
        onChange={(v) => void setParams({ vendors: v.length ? (v as Vendor[]) : null })}
        icon={(v) => <VendorDot vendor={v as Vendor} />}
      />
      {listFacets.map(({ key, title, options, icon }) => (
        <FacetedFilter
          key={key}
          title={title}
          options={options ?? []}
          selected={p[key]}
          loading={facetsPending}
          onChange={(v) => void setParams({ [key]: v.length ? v : null })}
          icon={icon}
        />
      ))}
      {changed ? (
        <Button variant="ghost" size="sm" onClick={onReset}>
          Reset
          <X aria-hidden />
        </Button>
      ) : null}
      {!grouped ? (
        // A phone shows cards (task-cards.tsx): no columns to choose there.
        <div className="ml-auto hidden sm:block">
          <ViewOptions table={table} />
        </div>
      ) : null}
    </div>
  );
}
