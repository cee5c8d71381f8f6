"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useInteractive } from "@/components/providers/interactive";
import { REPLY_KINDS, timelineSearchParams } from "@/lib/model/plain/timeline";
import type { TimelineFacets } from "@/lib/model/timeline";
import { VENDORS } from "@/lib/model/vendor";
import { timelineQueries } from "./queries";
import { isRepliesOnly, timelineRequest, type TimelineParams } from "./search-params";

/** The toolbar panels whose choices are one click each (see neighbourPatches). */
export type TimelinePanel = "vendor" | "kind";

/**
 * The filter states one click away: in an open `panel`, each vendor toggled (those with items
 * here, or chosen), or "Replies only" and "All kinds" (group and single-kind boxes are left
 * out: a dozen choices, few of them clicked); then, panel or not, the machine-opens box, the
 * toolbar's one toggle.
 */
export function neighbourPatches(
  panel: TimelinePanel | null,
  params: TimelineParams,
  facets: TimelineFacets | undefined,
): Partial<TimelineParams>[] {
  const bots: Partial<TimelineParams> = { bots: params.bots === "exclude" ? "include" : "exclude" };
  if (panel === "vendor") {
    const shown = VENDORS.filter((v) => params.vendors.includes(v) || (facets ? (facets.vendors[v] ?? 0) > 0 : true));
    const toggled = (v: (typeof VENDORS)[number]) =>
      params.vendors.includes(v) ? params.vendors.filter((x) => x !== v) : [...params.vendors, v];
    return [...shown.map((v) => ({ vendors: toggled(v) })), bots];
  }
  if (panel === "kind") {
    const repliesOnly = isRepliesOnly(params.kinds);
    const allKinds = params.kinds.length && !repliesOnly ? [{ kinds: [] }] : [];
    return [{ kinds: repliesOnly ? [] : [...REPLY_KINDS] }, ...allKinds, bots];
  }
  return [bots];
}

/**
 * Once the page is interactive and the list shows the current view, the first pages of the
 * views one click away (neighbourPatches), fetched one after another: the machine-opens
 * toggle's, and while a filter panel is open its choices'. A click then draws from the
 * cache: the click's budget is 50 ms (the INP target), and the round trip alone took ~40 ms
 * on a 10 000-item timeline on a quiet 2-core machine (issue 17). A view fetched this way is
 * cached like any other (the query client's 30-s staleTime, then refetched on use).
 */
export function usePrefetchNeighbours({
  contactId,
  params,
  tz,
  panel,
  ready,
  facets,
}: {
  contactId: string;
  params: TimelineParams;
  tz: string;
  panel: TimelinePanel | null;
  ready: boolean;
  facets: TimelineFacets | undefined;
}): void {
  const qc = useQueryClient();
  const interactive = useInteractive();
  // The current view's key and the vendors with items: what the neighbours depend on.
  const key = timelineSearchParams(timelineRequest(params, tz)).toString();
  const present = facets ? VENDORS.filter((v) => (facets.vendors[v] ?? 0) > 0).join(",") : "?";
  useEffect(() => {
    if (!ready || !interactive) return;
    let stopped = false;
    void (async () => {
      for (const patch of neighbourPatches(panel, params, facets)) {
        if (stopped) return;
        await qc.prefetchInfiniteQuery(timelineQueries.items(contactId, timelineRequest({ ...params, ...patch }, tz)));
      }
    })();
    return () => {
      stopped = true;
    };
    // `key` and `present` stand for params and facets (new objects on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qc, contactId, key, present, tz, panel, ready, interactive]);
}
