"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ContactHeader } from "@/components/contacts/contact-header";
import { contactQueries } from "@/components/contacts/queries";
import { TaskActionsProvider } from "@/components/tasks/task-actions-context";
import type { ContactResponse } from "@/lib/model/contacts-query";
import type { Vendor } from "@/lib/model/vendor";
import { OpenTasks } from "./open-tasks";
import { rememberViewerTimeZone } from "@/components/overview/viewer-time-zone";
import { timelineQueries, type InitialTimeline } from "./queries";
import { RefreshButton, RefreshStatus, useRefreshContact } from "./refresh-button";
import { timelineParams, timelineRequest } from "./search-params";
import { TimelineList } from "./timeline-list";
import { EMPTY_FILTERS, hasActiveFilters, TimelineToolbar, type TimelineFilterState } from "./timeline-toolbar";
import { usePrefetchNeighbours, type TimelinePanel } from "./use-prefetch-neighbours";
import { useBrowserTimeZone as useViewerTimeZone } from "@/lib/dates/use-browser-time-zone";

/** What the server rendered the timeline with: the zone it used and, when it could read it, the first page. */
export interface ServerTimeline {
  /** The viewer's zone from its cookie, else UTC. */
  tz: string;
  /** The cookie's zone; null on a first visit (the server then said UTC). */
  knownTz: string | null;
  first: InitialTimeline | null;
}

/**
 * The contact page: who the person is, their open tasks, and every touch from every vendor
 * on one line. Filters live in the URL (nuqs): each change is a history entry, so Back
 * undoes it and a copied link opens the same view. Times and days are the viewer's: the
 * server's zone (cookie, or UTC) until the browser's is known, which then replaces it.
 */
export function ContactTimeline({
  contactId,
  initial,
  timeline,
}: {
  contactId: string;
  initial: ContactResponse;
  timeline: ServerTimeline;
}) {
  const { data: contact = initial } = useQuery(contactQueries.detail(contactId, initial));
  const browserTz = useViewerTimeZone();
  const tz = browserTz ?? timeline.tz;
  // The next server render starts in the browser's zone (its first rows then stand as they are).
  useEffect(() => {
    if (browserTz && browserTz !== timeline.knownTz) rememberViewerTimeZone(browserTz);
  }, [browserTz, timeline.knownTz]);
  const [params, setParams] = useQueryStates(timelineParams, { history: "push" });
  const filters: TimelineFilterState = params;

  const onChange = useCallback(
    (patch: Partial<TimelineFilterState>, opts?: { replace?: boolean }) =>
      void setParams(patch, { history: opts?.replace ? "replace" : "push" }),
    [setParams],
  );
  const reset = useCallback(() => void setParams(EMPTY_FILTERS, { history: "push" }), [setParams]);

  const request = useMemo(() => timelineRequest(params, tz), [params, tz]);
  // The counts wait until the list shows this request's rows: on PGlite queries run one at
  // a time, and the rows matter first. (Same cache entry as the list's own query.)
  const items = useInfiniteQuery(timelineQueries.items(contactId, request, timeline.first));
  const listReady = items.isSuccess && !items.isPlaceholderData && !items.isFetchingNextPage;
  // (Not while hydrating: the browser's zone, a moment later, may be another request.)
  const facets = useQuery({ ...timelineQueries.facets(contactId, request), enabled: listReady && !!browserTz });
  // The views one click away (the machine-opens toggle; an open panel's choices), fetched ahead of the click.
  const [panel, setPanel] = useState<TimelinePanel | null>(null);
  usePrefetchNeighbours({ contactId, params, tz, panel, ready: listReady && !!browserTz, facets: facets.data });
  const onPanelChange = useCallback(
    (p: TimelinePanel, open: boolean) => setPanel((cur) => (open ? p : cur === p ? null : cur)),
    [],
  );

  const vendorLinks = useMemo(() => {
    const links: Partial<Record<Vendor, string>> = {};
    for (const i of contact.identities) if (i.url && !links[i.vendor]) links[i.vendor] = i.url;
    return links;
  }, [contact.identities]);

  const refresh = useRefreshContact(contactId);
  // A task changed (open tasks or a timeline row): both come from the store, re-read them.
  const qc = useQueryClient();
  const reread = useCallback(() => {
    void qc.invalidateQueries({ queryKey: contactQueries.detail(contactId).queryKey });
    void qc.invalidateQueries({ queryKey: timelineQueries.all(contactId) });
  }, [qc, contactId]);
  const [now] = useState(() => Date.now());
  const total = facets.data?.total;

  return (
    <TaskActionsProvider tz={tz} nowMs={now} onChanged={reread}>
      <div className="space-y-6">
        <ContactHeader contact={contact} actions={<RefreshButton mutation={refresh} />} />
        <RefreshStatus mutation={refresh} />
        {/* Rendered from the first paint (in the server's zone until the browser's is known): no jump when it arrives. */}
        <OpenTasks tasks={contact.openTasks} tz={tz} />
        <section aria-labelledby="timeline-title" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="timeline-title" className="text-base font-semibold">
              Timeline
            </h2>
            <p className="text-xs text-muted-foreground" aria-live="polite">
              {total !== undefined
                ? `${total.toLocaleString("en-GB")} ${total === 1 ? "item" : "items"}${hasActiveFilters(filters) ? (total === 1 ? " matches" : " match") : ""}`
                : "\u00a0"}
              {` · times in ${tz.replace(/_/g, " ")}`}
            </p>
          </div>
          <TimelineToolbar
            filters={filters}
            onChange={onChange}
            facets={facets.data}
            tz={tz}
            onPanelChange={onPanelChange}
          />
          <TimelineList
            contactId={contactId}
            request={request}
            initial={timeline.first}
            tz={tz}
            filtered={hasActiveFilters(filters)}
            vendorLinks={vendorLinks}
            onReset={reset}
          />
        </section>
      </div>
    </TaskActionsProvider>
  );
}
