"use client";

import { useQuery } from "@tanstack/react-query";
import { ChartNoAxesCombined, X } from "@/components/ui/icons";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { VendorBadge } from "@/components/ui/vendor-badge";
import type { CompareRow } from "@/lib/model/engagement";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { CampaignLink } from "./campaign-link";
import { EngagementControls } from "./engagement-controls";
import { fmtCalendarDay, fmtInt } from "./format";
import { campaignQueries } from "./queries";
import { HintProvider, Rate, type RateKey } from "./rate";
import { compareParams } from "./search-params";
import { CampaignStatusBadge } from "./status-badge";
import { useBrowserTimeZone } from "@/lib/dates/use-browser-time-zone";
import { CompletenessNote } from "./completeness-note";

const CompareChart = dynamic(() => import("./compare-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-[360px]" />,
});

type Line = { label: string } & ({ count: keyof CompareRow["totals"] } | { rate: RateKey; higherIsBetter: boolean });
const LINES: Line[] = [
  { label: "Sent", count: "sent" },
  { label: "Delivered", count: "delivered" },
  { label: "Opened", count: "opened" },
  { label: "Open rate", rate: "open", higherIsBetter: true },
  { label: "Clicked", count: "clicked" },
  { label: "Click rate", rate: "click", higherIsBetter: true },
  { label: "Replied", count: "replied" },
  { label: "Reply rate", rate: "reply", higherIsBetter: true },
  { label: "Bounced", count: "bounced" },
  { label: "Bounce rate", rate: "bounce", higherIsBetter: false },
  { label: "Interested", count: "interested" },
  { label: "Positive rate", rate: "positive", higherIsBetter: true },
  { label: "Unsubscribed", count: "unsubscribed" },
];

export interface CampaignOption {
  id: string;
  name: string;
  vendor: Vendor;
}

/** Several campaigns side by side — across vendors — with one set of definitions. */
export function CompareView({ options }: { options: CampaignOption[] }) {
  const [params, setParams] = useQueryStates(compareParams, { history: "push" });
  const browserTz = useBrowserTimeZone();
  const tz = params.tz ?? browserTz;
  useEffect(() => {
    if (!params.tz && browserTz) void setParams({ tz: browserTz }, { history: "replace" });
  }, [params.tz, browserTz, setParams]);

  const ids = params.ids;
  const query = useQuery({
    ...campaignQueries.compare(ids, {
      from: params.from,
      to: params.to,
      tz: tz ?? "UTC",
      bots: params.bots,
      replies: params.replies,
    }),
    enabled: !!tz && ids.length > 0,
  });
  const data = query.data;
  const rows = data?.data ?? [];
  const addable = options.filter((o) => !ids.includes(o.id));

  return (
    <HintProvider>
      <div className="space-y-6">
        <section
          aria-label="Filters"
          className="flex flex-wrap items-end justify-between gap-4 rounded-xl border bg-card/50 px-4 py-3"
        >
          <EngagementControls value={{ ...params, tz }} onChange={(patch) => void setParams(patch)} shown={data} />
          <label className="grid gap-1.5 text-xs font-medium text-muted-foreground">
            Add a campaign
            <select
              value=""
              disabled={addable.length === 0 || ids.length >= 12}
              onChange={(e) => e.target.value && void setParams({ ids: [...ids, e.target.value] })}
              className="h-8 max-w-64 rounded-md border bg-card px-2 text-sm text-foreground shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
            >
              <option value="">Choose…</option>
              {addable.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({VENDOR_LABELS[o.vendor]})
                </option>
              ))}
            </select>
          </label>
        </section>

        <p aria-live="polite" className="min-h-5 text-sm text-muted-foreground">
          {data
            ? data.from && data.to
              ? `${fmtCalendarDay(data.from)} – ${fmtCalendarDay(data.to)} · ${data.tz.replace(/_/g, " ")}`
              : "Each campaign's whole life"
            : null}
          {data ? ` · machine opens ${data.bots === "include" ? "included" : "excluded"}` : null}
          {data ? ` · ${data.replies === "human" ? "people's replies only" : "every reply"}` : null}
        </p>

        {data?.notFound.length ? (
          <NotFoundNotice
            ids={data.notFound}
            onDrop={() => void setParams({ ids: ids.filter((x) => !data.notFound.includes(x)) })}
          />
        ) : null}

        {ids.length === 0 ? (
          <EmptyState
            icon={ChartNoAxesCombined}
            title="Choose campaigns to compare"
            action={
              <Button asChild variant="secondary">
                <Link href="/campaigns">Pick them in the campaigns list</Link>
              </Button>
            }
          >
            Select two or more campaigns in the list — from any vendors — or add them here one by one.
          </EmptyState>
        ) : query.isError && !data ? (
          <LoadError
            icon={ChartNoAxesCombined}
            title="Could not compare these campaigns"
            error={query.error}
            onRetry={() => void query.refetch()}
          >
            <Button asChild variant="ghost">
              <Link href="/campaigns">Back to campaigns</Link>
            </Button>
          </LoadError>
        ) : !data ? (
          <div className="space-y-6" aria-busy="true" aria-label="Loading comparison">
            <Skeleton className="h-[520px]" />
            <Skeleton className="h-[340px]" />
          </div>
        ) : (
          <>
            <CompareTable rows={rows} onRemove={(id) => void setParams({ ids: ids.filter((x) => x !== id) })} />
            <CompareChart rows={rows} from={data.from} to={data.to} replies={data.replies} tz={data.tz} />
          </>
        )}
      </div>
    </HintProvider>
  );
}

/** Ids of an old link that are no longer campaigns: said, and the rest compared. */
function NotFoundNotice({ ids, onDrop }: { ids: string[]; onDrop: () => void }) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
    >
      <p>
        {ids.length === 1 ? "One campaign in this link was" : `${ids.length} campaigns in this link were`} not found
        (deleted, or from a connection that was removed): <span className="font-mono text-xs">{ids.join(", ")}</span>.
        The others are compared below.
      </p>
      <Button variant="secondary" size="sm" onClick={onDrop}>
        Remove from the link
      </Button>
    </div>
  );
}

/** The best rate of a line among complete campaigns: a partial copy is never ranked "best". */
function bestOf(rows: CompareRow[], line: Line): string | null {
  if (!("rate" in line)) return null;
  const complete = rows.filter((r) => r.completeness.state === "complete");
  if (complete.length < 2) return null;
  let best: CompareRow | null = null;
  for (const r of complete) {
    const v = r.rates[line.rate];
    if (v === null || v === undefined) continue;
    const b = best ? best.rates[line.rate] : null;
    if (b === null || b === undefined || (line.higherIsBetter ? v > b : v < b)) best = r;
  }
  return best?.campaign.id ?? null;
}

function CompareTable({ rows, onRemove }: { rows: CompareRow[]; onRemove: (id: string) => void }) {
  return (
    <div className="relative overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table className="w-full text-sm">
        <caption className="sr-only">
          Campaigns side by side; the best rate of each line among complete campaigns is marked; partial copies say why.
        </caption>
        <thead>
          <tr className="border-b align-top">
            <th scope="col" className="w-40 px-4 py-3 text-left text-xs font-medium text-muted-foreground">
              Figure
            </th>
            {rows.map((r) => (
              <th key={r.campaign.id} scope="col" className="min-w-48 px-4 py-3 text-right font-normal">
                <div className="flex items-start justify-end gap-1">
                  <div className="grid justify-items-end gap-1">
                    <CampaignLink campaign={r.campaign} />
                    <span className="flex gap-1.5">
                      <VendorBadge vendor={r.campaign.vendor} />
                      <CampaignStatusBadge status={r.campaign.status} />
                    </span>
                    <CompletenessNote completeness={r.completeness} compact />
                  </div>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    onClick={() => onRemove(r.campaign.id)}
                    aria-label={`Remove ${r.campaign.name} from the comparison`}
                  >
                    <X aria-hidden />
                  </Button>
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {LINES.map((line) => {
            const best = bestOf(rows, line);
            return (
              <tr key={line.label} className={cn("border-b last:border-0", "rate" in line && "bg-muted/30")}>
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  {line.label}
                </th>
                {rows.map((r) => (
                  <td
                    key={r.campaign.id}
                    className={cn(
                      "px-4 py-2 text-right tabular-nums",
                      best === r.campaign.id && "font-semibold text-success",
                    )}
                  >
                    {"rate" in line ? (
                      <>
                        <Rate
                          rate={line.rate}
                          value={r.rates[line.rate] ?? null}
                          counts={r.totals}
                          partial={r.completeness.reason}
                        />
                        {best === r.campaign.id ? <span className="sr-only"> (best)</span> : null}
                      </>
                    ) : (
                      fmtInt(r.totals[line.count])
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
