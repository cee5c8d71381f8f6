// Data for the tasks page: one factory per request kind, keys generic → specific.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { DueGroup } from "@/lib/dates/due";
import { apiFetch } from "@/lib/client/api";
import { type TasksFilter, tasksSearchParams } from "@/lib/model/plain/tasks-query";
import type { TaskFacets, TasksPage } from "@/lib/model/tasks-query";

export const taskKeys = {
  all: ["tasks"] as const,
  lists: () => [...taskKeys.all, "list"] as const,
  list: (f: TasksFilter) => [...taskKeys.lists(), f] as const,
  facets: (f: TasksFilter) => [...taskKeys.all, "facets", f] as const,
  group: (group: DueGroup, f: TasksFilter) => [...taskKeys.all, "group", group, f] as const,
};

export const tasksListOptions = (f: TasksFilter) =>
  queryOptions({
    queryKey: taskKeys.list(f),
    queryFn: ({ signal }) => apiFetch<TasksPage>(`/tasks?${tasksSearchParams(f)}`, { signal }),
    placeholderData: keepPreviousData,
  });

/** Facet counts ignore paging and sorting: keep them out of the key so paging does not refetch them. */
export const taskFacetsOptions = (f: TasksFilter) => {
  const rest = { ...f, cursor: undefined, limit: undefined, sort: undefined, group: undefined };
  return queryOptions({
    queryKey: taskKeys.facets(rest),
    queryFn: ({ signal }) => apiFetch<TaskFacets>(`/tasks/facets?${tasksSearchParams(rest)}`, { signal }),
    placeholderData: keepPreviousData,
  });
};

export const taskGroupOptions = (group: DueGroup, f: TasksFilter, pageSize = 25) =>
  infiniteQueryOptions({
    queryKey: taskKeys.group(group, f),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<TasksPage>(
        `/tasks?${tasksSearchParams({ ...f, group, limit: pageSize, cursor: pageParam ?? undefined })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** The CSV export of the current filters (every row, no paging). */
export const tasksCsvHref = (f: TasksFilter) =>
  `/api/v1/tasks.csv?${tasksSearchParams({ ...f, cursor: undefined, limit: undefined, group: undefined })}`;
