// zod-free: client components import this.

export type HorizonMode = "all" | "since" | "months";
export interface HorizonValue {
  mode: HorizonMode;
  since?: string;
  months?: number;
}

const MONTH_MS_FALLBACK = 30 * 86_400_000;

/** The horizon as an instant at `now` (null: everything). "Last N months" is calendar months back, in UTC. */
export function horizonFrom(h: HorizonValue | null | undefined, now: Date = new Date()): string | null {
  if (!h || h.mode === "all") return null;
  if (h.mode === "since" && h.since) {
    const t = Date.parse(`${h.since}T00:00:00Z`);
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  }
  if (h.mode === "months" && typeof h.months === "number" && h.months > 0) {
    const d = new Date(now.getTime());
    d.setUTCMonth(d.getUTCMonth() - h.months);
    const t = Number.isFinite(d.getTime()) ? d.getTime() : now.getTime() - h.months * MONTH_MS_FALLBACK;
    return new Date(t).toISOString();
  }
  return null;
}

/** "everything", "since 14 Mar 2024", "the last 3 months". */
export function describeHorizon(h: HorizonValue | null | undefined): string {
  if (!h || h.mode === "all") return "everything";
  if (h.mode === "since" && h.since) return `since ${formatDay(`${h.since}T00:00:00Z`)}`;
  if (h.mode === "months" && h.months) return h.months === 1 ? "the last month" : `the last ${h.months} months`;
  return "everything";
}

/** "14 Mar 2024", in UTC (a day the vendor stored, not shifted through a time zone). */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}
