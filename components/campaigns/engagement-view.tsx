"use client";

import { useQuery } from "@tanstack/react-query";
import { ChartNoAxesCombined, LoaderCircle } from "@/components/ui/icons";
import { useQueryStates } from "nuqs";
import { useEffect, useState } from "react";
import { LoadError } from "@/components/ui/load-error";
import type { Engagement } from "@/lib/model/engagement";
import { rememberViewerTimeZone } from "@/components/overview/viewer-time-zone";
import EngagementBody from "./engagement-body";
import { EngagementControls } from "./engagement-controls";
import { EngagementSkeleton } from "./engagement-skeleton";
import { fmtCalendarDay } from "./format";
import { campaignQueries, type EngagementRequest } from "./queries";
import { PlotsReady } from "./lazy-plots";
import { HintProvider } from "./rate";
import { engagementParams } from "./search-params";
import { useBrowserTimeZone } from "@/lib/dates/use-browser-time-zone";

const sameRequest = (a: EngagementRequest, b: EngagementRequest) =>
  a.from === b.from &&
  a.to === b.to &&
  a.tz === b.tz &&
  a.interval === b.interval &&
  a.bots === b.bots &&
  a.replies === b.replies;

/**
 * A campaign's engagement: range, zone, interval and machine events from the URL; every
 * chart below. `initial` is the server's answer for the URL it rendered, in the zone it
 * could know (the URL's, the viewer's cookie, else UTC), so the first HTML has the
 * figures; when the browser's zone differs, its answer replaces the server's.
 */
export function EngagementView({
  campaignId,
  initial,
}: {
  campaignId: string;
  initial: { request: EngagementRequest; data: Engagement } | null;
}) {
  const [params, setParams] = useQueryStates(engagementParams, { history: "push" });
  const browserTz = useBrowserTimeZone();
  // browserTz is null on the server and while hydrating: the server's zone until then.
  const tz = params.tz ?? browserTz ?? initial?.request.tz ?? null;

  // The zone goes into the URL, so a shared link shows the same days; and into the cookie,
  // so the next server render already uses it.
  useEffect(() => {
    if (!browserTz) return;
    rememberViewerTimeZone(browserTz);
    if (!params.tz) void setParams({ tz: browserTz }, { history: "replace" });
  }, [params.tz, browserTz, setParams]);

  const request: EngagementRequest = {
    from: params.from,
    to: params.to,
    tz: tz ?? "UTC",
    interval: params.interval,
    bots: params.bots,
    replies: params.replies,
  };
  const query = useQuery({
    ...campaignQueries.engagement(campaignId, request),
    initialData: initial && sameRequest(initial.request, request) ? initial.data : undefined,
    // Another zone than the server's: its figures stay until the browser's arrive.
    placeholderData: (previous) => previous ?? initial?.data,
    enabled: !!tz,
  });
  const data = query.data;
  // Charts are drawn once the figures are the browser's own (and stay drawn after that:
  // a new range keeps the old charts until its answer arrives).
  const [drawCharts, setDrawCharts] = useState(false);
  const settled = !!browserTz && !!data && !query.isPlaceholderData;
  if (settled && !drawCharts) setDrawCharts(true);

  return (
    <HintProvider>
      <div className="space-y-6">
        <section aria-label="Filters" className="rounded-xl border bg-card/50 px-4 py-3">
          <EngagementControls
            value={{ ...params, tz }}
            onChange={(patch) => void setParams(patch)}
            shown={data}
            interval={params.interval}
            onInterval={(interval) => void setParams({ interval })}
          />
        </section>

        <p aria-live="polite" className="flex min-h-5 items-center gap-2 text-sm text-muted-foreground">
          {data ? (
            <>
              {fmtCalendarDay(data.from)} – {fmtCalendarDay(data.to)} · {data.tz.replace(/_/g, " ")} · by{" "}
              {data.interval} · machine opens {data.bots === "include" ? "included" : "excluded"} ·{" "}
              {data.replies === "human" ? "people's replies only" : "every reply"}
            </>
          ) : null}
          {query.isFetching && data ? <LoaderCircle className="size-4 animate-spin" aria-label="Updating" /> : null}
        </p>

        {query.isError && !data ? (
          <LoadError
            icon={ChartNoAxesCombined}
            title="Could not load this campaign's engagement"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
        ) : !data ? (
          <EngagementSkeleton />
        ) : (
          <PlotsReady value={drawCharts}>
            <EngagementBody
              data={data}
              wholeCampaign={!params.from && !params.to}
              onReset={() => void setParams({ from: null, to: null })}
            />
          </PlotsReady>
        )}
      </div>
    </HintProvider>
  );
}
