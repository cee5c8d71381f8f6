"use client";

import type { ReactNode } from "react";
import type { Engagement } from "@/lib/model/engagement";
import { COUNT_DEFINITIONS } from "@/lib/model/plain/engagement";
import { fmtInt } from "./format";
import { Hint, Rate, RATE_BASES, type RateKey } from "./rate";

function Kpi({ label, children, sub }: { label: string; children: ReactNode; sub?: ReactNode }) {
  return (
    <div className="rounded-xl border bg-card px-4 py-3 shadow-xs">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tracking-tight">{children}</dd>
      {sub ? <dd className="mt-0.5 text-xs text-muted-foreground">{sub}</dd> : null}
    </div>
  );
}

/**
 * The range's totals and rates; every rate names its base ("of delivered", the same base
 * the funnel uses) and explains its formula on hover or focus. Rates on a partial copy are
 * muted and say why.
 */
export function KpiCards({ data }: { data: Engagement }) {
  const t = data.totals;
  const partial = data.completeness.state === "partial" ? data.completeness.reason : null;
  const rate = (key: RateKey, label: string, count: keyof typeof t) => (
    <Kpi label={`${label} · ${RATE_BASES[key]}`} sub={`${fmtInt(t[count])} ${count}`}>
      <Rate rate={key} value={data.rates[key] ?? null} counts={t} partial={partial} />
    </Kpi>
  );
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
      <Kpi label="Sent" sub={`${fmtInt(t.unsubscribed)} unsubscribed`}>
        <span className="tabular-nums">{fmtInt(t.sent)}</span>
      </Kpi>
      <Kpi label="Delivered" sub={`${fmtInt(t.bounced)} bounced`}>
        <Hint
          content={`Delivered = ${COUNT_DEFINITIONS.delivered} = ${fmtInt(t.sent)} − ${fmtInt(t.bounced)}`}
          className="tabular-nums"
        >
          {fmtInt(t.delivered)}
        </Hint>
      </Kpi>
      {rate("open", "Open rate", "opened")}
      {rate("click", "Click rate", "clicked")}
      {rate("reply", data.replies === "human" ? "Reply rate (people)" : "Reply rate (all)", "replied")}
      {rate("bounce", "Bounce rate", "bounced")}
      {rate("positive", "Positive rate", "interested")}
    </dl>
  );
}
