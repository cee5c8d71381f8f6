"use client";

import { useQuery } from "@tanstack/react-query";
import { ChartNoAxesCombined, LoaderCircle, RotateCcw } from "lucide-react";
import { useQueryStates } from "nuqs";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { EngagementControls } from "./engagement-controls";
import { EngagementSkeleton } from "./engagement-skeleton";
import { fmtCalendarDay } from "./format";
import { campaignQueries } from "./queries";
import { HintProvider } from "./rate";
import { engagementParams } from "./search-params";
import { useBrowserTimeZone } from "./use-browser-time-zone";

// recharts is ~130 KB gzipped: the charts come as a separate chunk, fetched while the data loads.
const loadBody = () => import("./engagement-body");
const EngagementBody = dynamic(loadBody, { ssr: false, loading: () => <EngagementSkeleton /> });

/** A campaign's engagement: range, zone, interval and machine events from the URL; every chart below. */
export function EngagementView({ campaignId }: { campaignId: string }) {
  const [params, setParams] = useQueryStates(engagementParams, { history: "push" });
  const browserTz = useBrowserTimeZone();
  const tz = params.tz ?? browserTz;

  useEffect(() => {
    void loadBody();
  }, []);

  // The zone goes into the URL, so a shared link shows the same days.
  useEffect(() => {
    if (!params.tz && browserTz) void setParams({ tz: browserTz }, { history: "replace" });
  }, [params.tz, browserTz, setParams]);

  const query = useQuery({
    ...campaignQueries.engagement(campaignId, { from: params.from, to: params.to, tz: tz ?? "UTC", interval: params.interval, bots: params.bots }),
    enabled: !!tz,
  });
  const data = query.data;

  return (
    <HintProvider>
      <div className="space-y-6">
        <section aria-label="Filters" className="rounded-xl border bg-card/50 px-4 py-3">
          {tz ? (
            <EngagementControls
              from={params.from}
              to={params.to}
              tz={tz}
              interval={params.interval}
              bots={params.bots}
              shownFrom={data?.from}
              shownTo={data?.to}
              onRange={(from, to) => void setParams({ from, to })}
              onTz={(next) => void setParams({ tz: next })}
              onInterval={(interval) => void setParams({ interval })}
              onBots={(bots) => void setParams({ bots })}
            />
          ) : (
            <Skeleton className="h-14 w-full" />
          )}
        </section>

        <p aria-live="polite" className="flex min-h-5 items-center gap-2 text-sm text-muted-foreground">
          {data ? (
            <>
              {fmtCalendarDay(data.from)} – {fmtCalendarDay(data.to)} · {data.tz.replace(/_/g, " ")} · by {data.interval} · machine opens{" "}
              {data.bots === "include" ? "included" : "excluded"}
            </>
          ) : null}
          {query.isFetching && data ? <LoaderCircle className="size-4 animate-spin" aria-label="Updating" /> : null}
        </p>

        {query.isError && !data ? (
          <EmptyState
            icon={ChartNoAxesCombined}
            title="Could not load this campaign's engagement"
            action={
              <Button variant="secondary" onClick={() => void query.refetch()}>
                <RotateCcw aria-hidden /> Try again
              </Button>
            }
          >
            {query.error.message}
          </EmptyState>
        ) : !data ? (
          <EngagementSkeleton />
        ) : (
          <EngagementBody data={data} wholeCampaign={!params.from && !params.to} onReset={() => void setParams({ from: null, to: null })} />
        )}
      </div>
    </HintProvider>
  );
}
