// The over-time chart's series and how the plot draws them: shared by the chart card and the
// lazily loaded plots, which must not import the card that loads them (an import cycle).
import type { Engagement } from "@/lib/model/engagement";
import { partialWeek } from "./partial-week";
import { countSeries } from "./series";

export const OVER_TIME_SERIES = countSeries("sent", "opened", "clicked", "replied", "bounced");
export type SeriesKey = keyof typeof OVER_TIME_SERIES;

/**
 * The series as the plot draws it: whole buckets on the solid lines (`sent`…), the partial
 * first and last weeks on dashed ones (`sent__partial`…) that join their whole neighbour,
 * so a cut week is never drawn as a whole week's drop.
 */
export function plotSeries(e: Engagement): Record<string, number | string | null>[] {
  const keys = Object.keys(OVER_TIME_SERIES) as SeriesKey[];
  const partial = e.series.map((p) => partialWeek(p.bucket, e) !== null);
  return e.series.map((p, i) => {
    const row: Record<string, number | string | null> = { bucket: p.bucket };
    const nearPartial = partial[i] || partial[i - 1] === true || partial[i + 1] === true;
    for (const k of keys) {
      row[k] = partial[i] ? null : p[k];
      row[`${k}__partial`] = nearPartial ? p[k] : null;
    }
    return row;
  });
}
