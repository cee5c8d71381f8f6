import { ArrowDownRight, ArrowRight, ArrowUpRight } from "@/components/ui/icons";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { OverviewWeek } from "@/lib/server/queries/overview";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";

const int = new Intl.NumberFormat("en-GB");
const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)} %`);
const day = (d: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(
    new Date(`${d}T00:00:00Z`),
  );

function Delta({ now, before, kind }: { now: number | null; before: number | null; kind: "count" | "rate" }) {
  if (now === null || before === null) return <span className="text-muted-foreground">no comparison yet</span>;
  const diff = now - before;
  const text =
    kind === "rate"
      ? `${diff >= 0 ? "+" : "−"}${Math.abs(diff * 100).toFixed(1)} pts`
      : before === 0
        ? diff === 0
          ? "same"
          : `+${int.format(diff)}`
        : `${diff >= 0 ? "+" : "−"}${Math.abs((diff / before) * 100).toFixed(0)} %`;
  const Icon = diff > 0 ? ArrowUpRight : diff < 0 ? ArrowDownRight : ArrowRight;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-0.5 font-medium",
        diff > 0 ? "text-success" : diff < 0 ? "text-destructive" : "text-muted-foreground",
      )}
    >
      <Icon className="size-3.5" aria-hidden />
      {text}
    </span>
  );
}

function Figure({ label, value, delta, sub }: { label: string; value: ReactNode; delta: ReactNode; sub: ReactNode }) {
  return (
    <div className="space-y-1">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tracking-tight tabular-nums">{value}</dd>
      <dd className="flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
        {delta} <span>{sub}</span>
      </dd>
    </div>
  );
}

/** This ISO week so far against the same span of last week. */
export function WeekSummary({
  week,
  tz,
  partial = [],
}: {
  week: OverviewWeek;
  tz: string;
  /** Vendors whose copy is partial (issue 18): said under the figures, with why. */
  partial?: { vendor: Vendor; campaigns: number; reason: string; completeBy: string | null }[];
}) {
  const { thisWeek: a, lastWeek: b } = week;
  return (
    <Card aria-label="This week">
      <CardHeader>
        <CardTitle>This week</CardTitle>
        <CardDescription className="text-xs">
          Campaign emails since {day(week.weekStart)} ({tz.replace(/_/g, " ")}), against the same days of last week.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
          <Figure
            label="Sent"
            value={int.format(a.sent)}
            delta={<Delta now={a.sent} before={b.sent} kind="count" />}
            sub={`vs ${int.format(b.sent)}`}
          />
          <Figure
            label="Replies from people"
            value={int.format(a.replied)}
            delta={<Delta now={a.replied} before={b.replied} kind="count" />}
            sub={`vs ${int.format(b.replied)}`}
          />
          <Figure
            label="Reply rate · of delivered"
            value={<span title="people's replies / delivered">{pct(a.replyRate)}</span>}
            delta={<Delta now={a.replyRate} before={b.replyRate} kind="rate" />}
            sub={`vs ${pct(b.replyRate)}`}
          />
        </dl>
        {partial.length ? (
          <ul className="mt-4 space-y-1 border-t pt-3 text-xs text-muted-foreground" aria-label="Partial figures">
            {partial.map((p) => (
              <li key={p.vendor}>
                <span className="font-medium text-foreground">
                  Partial: {VENDOR_LABELS[p.vendor]} ({p.campaigns} {p.campaigns === 1 ? "campaign" : "campaigns"})
                </span>{" "}
                — {p.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}
