// One queryOptions factory for the timeline; keys go from generic to specific:
// ["timeline", contactId] → [..., "items", request] and [..., "facets", request].
import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { RefreshSummary } from "@/lib/model/contacts-query";
import { timelineSearchParams, type TimelineRequest } from "@/lib/model/plain/timeline";
import type { TimelineFacets, TimelinePage } from "@/lib/model/timeline";

/** A page fills two screens; the next one loads while the end comes near. */
export const TIMELINE_PAGE_SIZE = 50;

/** The request a filter state makes (no cursor, no limit): the cache key of both queries. */
export type TimelineFilterRequest = Omit<TimelineRequest, "cursor" | "limit">;

const path = (id: string) => `/contacts/${encodeURIComponent(id)}/timeline`;

/** The first page of one request, read on the server when it rendered the page (epoch ms). */
export interface InitialTimeline {
  /** The request's cache key (`timelineSearchParams` without cursor or limit). */
  key: string;
  page: TimelinePage;
  at: number;
}

export const timelineQueries = {
  all: (contactId: string) => ["timeline", contactId] as const,
  items: (contactId: string, r: TimelineFilterRequest, initial?: InitialTimeline | null) => {
    const key = timelineSearchParams(r).toString();
    // The server's rows seed this request only (another zone or filter is another request).
    const seed = initial?.key === key ? initial : null;
    return infiniteQueryOptions({
      queryKey: [...timelineQueries.all(contactId), "items", key] as const,
      queryFn: ({ pageParam, signal }) =>
        apiFetch<TimelinePage>(
          `${path(contactId)}?${timelineSearchParams({ ...r, limit: TIMELINE_PAGE_SIZE, cursor: pageParam })}`,
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      placeholderData: keepPreviousData,
      ...(seed ? { initialData: { pages: [seed.page], pageParams: [null] }, initialDataUpdatedAt: seed.at } : {}),
    });
  },
  facets: (contactId: string, r: TimelineFilterRequest) =>
    queryOptions({
      queryKey: [...timelineQueries.all(contactId), "facets", timelineSearchParams(r).toString()] as const,
      queryFn: ({ signal }) =>
        apiFetch<TimelineFacets>(`${path(contactId)}/facets?${timelineSearchParams(r)}`, { signal }),
      placeholderData: keepPreviousData,
    }),
};

export function refreshContact(contactId: string): Promise<RefreshSummary> {
  return apiFetch<RefreshSummary>(`/contacts/${encodeURIComponent(contactId)}/refresh`, { method: "POST" });
}
