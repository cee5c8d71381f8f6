// One queryOptions factory for the campaign pages; keys go from generic to specific.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { engagementSearch, type BotsMode, type EngagementInterval, type ReplyMode } from "@/lib/model/plain/engagement";
import type { Compare, Engagement } from "@/lib/model/engagement";

export interface EngagementRequest {
  from: string | null;
  to: string | null;
  tz: string;
  interval: EngagementInterval;
  bots: BotsMode;
  replies: ReplyMode;
}

export const campaignQueries = {
  all: () => ["campaigns"] as const,
  engagement: (id: string, q: EngagementRequest) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), "engagement", id, q] as const,
      queryFn: ({ signal }) =>
        apiFetch<Engagement>(`/campaigns/${encodeURIComponent(id)}/engagement?${engagementSearch(q)}`, { signal }),
      // Changing the range keeps the old charts on screen until the new ones arrive: no flash, no layout shift.
      placeholderData: keepPreviousData,
    }),
  compare: (
    ids: readonly string[],
    q: { from: string | null; to: string | null; tz: string; bots: BotsMode; replies: ReplyMode },
  ) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), "compare", [...ids], q] as const,
      queryFn: ({ signal }) =>
        apiFetch<Compare>(`/campaigns/compare?ids=${ids.map(encodeURIComponent).join(",")}&${engagementSearch(q)}`, {
          signal,
        }),
      placeholderData: keepPreviousData,
      enabled: ids.length > 0,
    }),
};
