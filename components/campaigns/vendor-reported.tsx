"use client";

import { VENDOR_LABELS } from "@/lib/model/vendor";
import type { Engagement } from "@/lib/model/engagement";
import { ChartCard } from "./chart-card";
import { csvFileName, toCsv } from "./csv";
import { fmtInt, fmtPts, fmtRate } from "./format";
import { FigureCell, FigureRow, RateCell } from "./figure-cells";
import { differenceNote, RATE_NAMES, REPORTED_KEYS, VENDOR_NOTES, vendorRate, type ReportedKey } from "./vendor-notes";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { FigureTableHead } from "@/components/ui/table-head";

/** Our figures beside the vendor's own, with why they differ. Null when the vendor reports nothing. */
export function VendorReported({ data, wholeCampaign }: { data: Engagement; wholeCampaign: boolean }) {
  const reported = data.vendorReported;
  if (!reported || Object.values(reported).every((v) => v === null)) return null;
  const vendor = data.campaign.vendor;
  const name = VENDOR_LABELS[vendor];
  const rows = REPORTED_KEYS.filter((k) => typeof reported[k] === "number").map((key: ReportedKey) => {
    const theirs = reported[key]!;
    const ours = data.totals[key];
    return { key, ours, theirs, diff: ours - theirs, note: differenceNote(vendor, key, ours - theirs) };
  });
  const rateRows = RATE_NAMES.map((rate) => ({ rate, theirs: vendorRate(vendor, rate, reported) })).filter(
    (r) => r.theirs !== null,
  );
  const shown = new Set<string>([...REPORTED_KEYS, ...RATE_NAMES.map((r) => `${r}Rate`)]);
  const other = Object.entries(reported).filter(([k, v]) => typeof v === "number" && !shown.has(k));
  const OUR_FORMULA = {
    open: "opened by delivered",
    click: "clicked by delivered",
    reply: "replied by delivered",
    bounce: "bounced by sent",
  } as const;
  return (
    <ChartCard
      title={`Touchline and ${name}`}
      description={`${name}'s own statistics for this campaign beside Touchline's, and why they differ.`}
      csv={{
        name: csvFileName(data.campaign.name, "vendor-figures"),
        build: () =>
          toCsv(rows, [
            { header: "figure", value: (r) => r.key },
            { header: "touchline", value: (r) => r.ours },
            { header: vendor, value: (r) => r.theirs },
            { header: "difference", value: (r) => r.diff },
            { header: "why", value: (r) => r.note },
          ]) +
          toCsv(
            rateRows,
            [
              { header: "rate", value: (r) => `${r.rate}_rate` },
              { header: "touchline", value: (r) => data.rates[r.rate]?.toFixed(4) },
              { header: vendor, value: (r) => r.theirs!.value.toFixed(4) },
              { header: `${vendor}_formula`, value: (r) => r.theirs!.formula },
            ],
            { bom: false }, // the second table of the same file
          ),
      }}
    >
      <ul className="mb-3 list-disc space-y-1 pl-5 text-xs text-muted-foreground">
        {VENDOR_NOTES[vendor].map((n) => (
          <li key={n}>{n}</li>
        ))}
        {!wholeCampaign ? (
          <li className="text-foreground">
            {name}&apos;s figures cover the whole campaign; choose “Whole campaign” above to compare like with like.
          </li>
        ) : null}
        {data.bots === "include" ? null : <li>Touchline&apos;s figures here leave machine opens and clicks out.</li>}
      </ul>
      <ScrollRegion label="Vendor-reported figures beside Touchline's">
        <table className="w-full text-sm">
          <caption className="sr-only">Touchline&apos;s figures beside {name}&apos;s</caption>
          <FigureTableHead
            rowLabel="Figure"
            cells={["Touchline", name, "Difference", { label: "Why", className: "pr-0 pl-3 text-left" }]}
          />
          <tbody>
            {rows.map((r) => (
              <FigureRow key={r.key} name={r.key} nameClassName="capitalize">
                <FigureCell>{fmtInt(r.ours)}</FigureCell>
                <FigureCell>{fmtInt(r.theirs)}</FigureCell>
                <FigureCell>{r.diff > 0 ? `+${fmtInt(r.diff)}` : fmtInt(r.diff)}</FigureCell>
                <td className="py-2 pl-3 text-xs text-muted-foreground">{r.note ?? (r.diff === 0 ? "Same." : "")}</td>
              </FigureRow>
            ))}
            {rateRows.map(({ rate, theirs }) => {
              const ours = data.rates[rate];
              const diff = ours === null || ours === undefined ? null : ours - theirs!.value;
              const same = theirs!.formula.replace(" / ", " by ") === OUR_FORMULA[rate];
              return (
                <FigureRow key={rate} name={`${rate[0]!.toUpperCase()}${rate.slice(1)} rate`} className="border-t">
                  <RateCell rate={rate} value={ours ?? null} counts={data.totals} />
                  <FigureCell>{fmtRate(theirs!.value)}</FigureCell>
                  <FigureCell>{fmtPts(diff)}</FigureCell>
                  <td className="py-2 pl-3 text-xs text-muted-foreground">
                    {same
                      ? "Same formula."
                      : `${name} divides ${theirs!.formula.replace(" / ", " by ")}; Touchline divides ${OUR_FORMULA[rate]}.`}
                  </td>
                </FigureRow>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {other.length ? (
        <p className="mt-3 text-xs text-muted-foreground">
          Also reported by {name}:{" "}
          {other
            .map(
              ([k, v]) =>
                `${k.replace(/([A-Z])/g, " $1").toLowerCase()} ${/Rate$/.test(k) ? fmtRate(v) : fmtInt(v as number)}`,
            )
            .join(" · ")}
        </p>
      ) : null}
    </ChartCard>
  );
}
