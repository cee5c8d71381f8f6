"use client";

import { useQuery } from "@tanstack/react-query";
import {
  getCoreRowModel,
  type SortingState,
  type Updater,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { Rows3, Search, Table2, UserRound, Users, X } from "lucide-react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useCallback, useMemo, useState } from "react";
import { useDebouncedSearch } from "@/components/filters/use-debounced-search";
import { Button } from "@/components/ui/button";
import { VendorDot } from "@/components/ui/vendor-badge";
import type { CalendarDate } from "@/lib/dates/calendar";
import type { DuePreset } from "@/lib/dates/due";
import { TASK_STATUSES, type TaskStatus } from "@/lib/model/plain/task";
import { TASK_STATUS_LABELS, type TaskSort } from "@/lib/model/plain/tasks-query";
import type { FacetOption } from "@/lib/model/tasks-query";
import { VENDORS_WITH_TASKS, VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { BulkBar } from "./bulk-bar";
import { taskColumns } from "./columns";
import { DataTable } from "./data-table";
import { DueFilter } from "./due-filter";
import { FacetedFilter } from "./faceted-filter";
import { Pagination } from "./pagination";
import { taskFacetsOptions, tasksListOptions } from "./queries";
import { StatusIcon, TypeIcon } from "./task-meta";
import { withActionColumns } from "./task-actions";
import { PageTasks, TaskActionsProvider } from "./task-actions-context";
import { TasksEmpty } from "./tasks-empty";
import { GroupedSkeleton, TasksSkeleton } from "./tasks-skeleton";
import { taskCapabilitiesOptions } from "./use-task-mutation";
import { useBrowserTimeZone, useTasksFilter } from "./use-tasks-filter";
import { ViewOptions } from "./view-options";
import { vendorNames } from "@/lib/vendors/metas";

// The grouped view loads when the user switches to it (or lands on it); its skeleton holds the place meanwhile.
const loadGroupedView = () => import("./grouped-view");
const GroupedView = dynamic(() => loadGroupedView().then((m) => m.GroupedView), { loading: () => <GroupedSkeleton /> });

interface MeProps {
  /** Open on "Assigned to me" (members). */
  defaultMine?: boolean;
  /** Whether the viewer has linked vendor users ("me" matches nothing otherwise). */
  hasIdentities?: boolean;
}

/** The tasks page: toolbar, table or grouped view, all state in the URL. */
export function TasksView(props: MeProps) {
  // The browser's zone is unknown while rendering on the server: show the skeleton until mounted.
  const browserTz = useBrowserTimeZone();
  if (!browserTz) return <TasksSkeleton />;
  return <Tasks browserTz={browserTz} {...props} />;
}

function Tasks({ browserTz, defaultMine = false, hasIdentities = true }: { browserTz: string } & MeProps) {
  const {
    params: p,
    setParams,
    tz,
    clock,
    filter,
    filterKey,
    dueFrom,
    dueTo,
    size,
    status,
    mine,
  } = useTasksFilter(browserTz, defaultMine);

  // Keyset paging: the cursors of the pages visited, reset whenever the filter changes.
  const [pager, setPager] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = pager.key === filterKey ? pager.cursors : [null];
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex] ?? undefined;

  const grouped = p.view === "grouped";
  const list = useQuery({ ...tasksListOptions({ ...filter, cursor }), enabled: !grouped });
  const facets = useQuery(taskFacetsOptions(filter));

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
  const table = useReactTable({
    data: list.data?.data ?? [],
    columns,
    getRowId: (t) => t.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    rowCount: list.data?.total ?? 0,
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

  // Text search: typed into local state, written to the URL after a pause.
  // Typing replaces the history entry; choices push one (the rule of every page).
  const commitSearch = useCallback(
    (q: string) => void setParams({ q: q || null }, { history: "replace" }),
    [setParams],
  );
  const [search, setSearch, settleSearch] = useDebouncedSearch(p.q, commitSearch);

  const narrowed = !!(
    dueFrom ||
    dueTo ||
    p.vendors.length ||
    p.types.length ||
    p.assignee.length ||
    p.campaignId.length ||
    p.q.trim()
  );
  const changed = narrowed || p.due !== "all" || !(status.length === 1 && status[0] === "open");
  const reset = () => {
    settleSearch("");
    void setParams({
      status: null,
      due: null,
      dueFrom: null,
      dueTo: null,
      vendors: null,
      types: null,
      assignee: null,
      campaignId: null,
      q: null,
    });
  };
  const setPreset = (due: DuePreset) => void setParams({ due: due === "all" ? null : due, dueFrom: null, dueTo: null });
  const setRange = (r: { from: CalendarDate | null; to: CalendarDate | null }) =>
    void setParams({ dueFrom: r.from, dueTo: r.to });

  const f = facets.data;
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

  const empty = (
    <TasksEmpty
      narrowed={narrowed}
      due={p.due}
      status={status}
      tz={tz}
      onReset={reset}
      onPreset={setPreset}
      onShowDone={() => void setParams({ status: ["done"] })}
    />
  );

  const setMine = (me: boolean) =>
    void setParams({ who: me === defaultMine ? null : me ? "me" : "all", assignee: null });

  return (
    <TaskActionsProvider tz={tz} nowMs={clock.nowMs}>
      <PageTasks tasks={grouped ? undefined : list.data?.data} />
      <div className="space-y-4">
        <div role="group" aria-label="Whose tasks" className="inline-flex rounded-lg border bg-card p-1 shadow-xs">
          <ViewButton
            active={mine}
            onClick={() => setMine(true)}
            icon={<UserRound aria-hidden />}
            label="Assigned to me"
          />
          <ViewButton active={!mine} onClick={() => setMine(false)} icon={<Users aria-hidden />} label="Everyone" />
        </div>
        {mine && !hasIdentities ? (
          <p role="note" className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
            Touchline does not know who you are in {vendorNames((m) => m.hasTasks, "or")} yet, so no task is yours.{" "}
            <Link href="/settings/profile" className="font-medium text-primary underline underline-offset-4">
              Link your vendor users
            </Link>
          </p>
        ) : null}
        <div className="flex flex-wrap items-start justify-between gap-2">
          <DueFilter
            due={p.due}
            dueFrom={dueFrom}
            dueTo={dueTo}
            counts={f?.due}
            today={clock.today}
            onPreset={setPreset}
            onRange={setRange}
          />
          <div role="group" aria-label="Layout" className="flex rounded-lg border bg-card p-1 shadow-xs">
            <ViewButton
              active={!grouped}
              onClick={() => void setParams({ view: null })}
              icon={<Table2 aria-hidden />}
              label="Table"
            />
            <ViewButton
              active={grouped}
              onClick={() => void setParams({ view: "grouped" })}
              onIntent={() => void loadGroupedView()}
              icon={<Rows3 aria-hidden />}
              label="Grouped"
            />
          </div>
        </div>

        <div className="flex flex-wrap items-center gap-2">
          <div className="relative w-full sm:w-60">
            <Search
              className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden
            />
            <input
              type="search"
              aria-label="Search tasks"
              placeholder="Search tasks, people, campaigns…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") void setParams({ q: search || null }, { history: "replace" });
              }}
              className="h-8 w-full rounded-md border border-input bg-card pr-2 pl-8 text-sm shadow-xs outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30"
            />
          </div>
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
            loading={facets.isPending}
            onChange={(v) => void setParams({ vendors: v.length ? (v as Vendor[]) : null })}
            icon={(v) => <VendorDot vendor={v as Vendor} />}
          />
          <FacetedFilter
            title="Type"
            options={f?.types ?? []}
            selected={p.types}
            loading={facets.isPending}
            onChange={(v) => void setParams({ types: v.length ? v : null })}
            icon={(v) => <TypeIcon type={v} />}
          />
          {mine ? null : (
            <FacetedFilter
              title="Assignee"
              options={f?.assignees ?? []}
              selected={p.assignee}
              loading={facets.isPending}
              onChange={(v) => void setParams({ assignee: v.length ? v : null })}
            />
          )}
          <FacetedFilter
            title="Campaign"
            options={f?.campaigns ?? []}
            selected={p.campaignId}
            loading={facets.isPending}
            onChange={(v) => void setParams({ campaignId: v.length ? v : null })}
          />
          {changed ? (
            <Button variant="ghost" size="sm" onClick={reset}>
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

        {facets.isError || list.isError ? (
          <p
            role="alert"
            className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
          >
            Could not load tasks: {(list.error ?? facets.error)?.message}{" "}
            <button
              type="button"
              className="underline underline-offset-2"
              onClick={() => void (list.isError ? list.refetch() : facets.refetch())}
            >
              Try again
            </button>
          </p>
        ) : null}

        {grouped ? (
          <GroupedView
            filter={filter}
            counts={f && !facets.isPlaceholderData ? f.groups : undefined}
            clock={clock}
            empty={<div className="rounded-xl border bg-card">{empty}</div>}
          />
        ) : (
          <div className="space-y-3">
            <DataTable table={table} loading={list.isPending} stale={list.isPlaceholderData} empty={empty} />
            {list.data && list.data.total > 0 ? (
              <Pagination
                pageIndex={pageIndex}
                pageSize={size}
                shown={list.data.data.length}
                total={list.data.total}
                hasNext={!!list.data.nextCursor}
                busy={list.isFetching}
                onFirst={() => setPager({ key: filterKey, cursors: [null] })}
                onPrevious={() => setPager({ key: filterKey, cursors: cursors.slice(0, -1) })}
                onNext={() =>
                  list.data?.nextCursor && setPager({ key: filterKey, cursors: [...cursors, list.data.nextCursor] })
                }
                onPageSize={(s) => void setParams({ size: s === 50 ? null : s })}
              />
            ) : null}
            <BulkBar filter={filter} total={list.data?.total ?? 0} />
          </div>
        )}
      </div>
    </TaskActionsProvider>
  );
}

function ViewButton({
  active,
  onClick,
  onIntent,
  icon,
  label,
}: {
  active: boolean;
  onClick: () => void;
  onIntent?: () => void;
  icon: React.ReactNode;
  label: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      onPointerEnter={onIntent}
      onFocus={onIntent}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded px-2.5 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground [&_svg]:size-4",
        active && "bg-muted text-foreground",
      )}
    >
      {icon}
      {label}
    </button>
  );
}
