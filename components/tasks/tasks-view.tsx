"use client";

import { useQuery } from "@tanstack/react-query";
import { Rows3, Table2, UserRound, Users } from "@/components/ui/icons";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useCallback, useState } from "react";
import { useDebouncedSearch } from "@/components/filters/use-debounced-search";
import type { CalendarDate } from "@/lib/dates/calendar";
import type { DuePreset } from "@/lib/dates/due";
import { BulkBar } from "./bulk-bar";
import { DataTable } from "./data-table";
import { DueFilter } from "./due-filter";
import { Pagination } from "./pagination";
import { taskFacetsOptions, tasksListOptions } from "./queries";
import { PageTasks, TaskActionsProvider } from "./task-actions-context";
import { TasksEmpty } from "./tasks-empty";
import { GroupedSkeleton, TasksSkeleton } from "./tasks-skeleton";
import { TasksToolbar } from "./tasks-toolbar";
import { useBrowserTimeZone, useTasksFilter } from "./use-tasks-filter";
import { usePrefetchPresets } from "./use-prefetch-presets";
import { useTasksTable } from "./use-tasks-table";
import { ViewButton } from "./view-button";
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
  usePrefetchPresets(filter, !grouped && list.isSuccess && !list.isPlaceholderData);

  const table = useTasksTable({ page: list.data, clock, params: p, setParams });

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

        <TasksToolbar
          params={p}
          setParams={setParams}
          status={status}
          mine={mine}
          facets={f}
          facetsPending={facets.isPending}
          search={search}
          onSearch={setSearch}
          changed={changed}
          onReset={reset}
          table={table}
          grouped={grouped}
        />

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
            <DataTable
              table={table}
              loading={list.isPending}
              stale={list.isPlaceholderData}
              empty={empty}
              request={`${filterKey}|${cursor ?? ""}`}
            />
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
