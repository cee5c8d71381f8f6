import { describe, expect, it } from "vitest";
import { engagementQuerySchema, ZERO_COUNTS, type Engagement, type VariantRow } from "@/lib/model/engagement";
import { presetOf, presetRange } from "./engagement-controls";
import { fmtBucket, fmtPts, fmtRate } from "./format";
import { partialWeeksNote } from "./over-time-chart";
import { plotSeries } from "./over-time-series";
import { partialWeek } from "./partial-week";
import { funnelRows } from "./funnel-chart";
import { replyRateTest } from "./variant-comparison";
import { differenceNote, vendorRate } from "./vendor-notes";

describe("formats", () => {
  it("rates as percentages, differences in points, no denominator as a dash", () => {
    expect(fmtRate(0.1234)).toBe("12.3 %");
    expect(fmtRate(null)).toBe("—");
    expect(fmtPts(0.015)).toBe("+1.5 pts");
    expect(fmtPts(-0.009)).toBe("−0.9 pts");
  });
  it("labels a bucket by its day in the zone, or its week", () => {
    expect(fmtBucket("2026-03-10T23:00:00.000Z", "day", "Europe/Paris")).toBe("11 Mar");
    expect(fmtBucket("2026-03-10T23:00:00.000Z", "day", "UTC")).toBe("10 Mar");
    expect(fmtBucket("2026-03-08T23:00:00.000Z", "week", "Europe/Paris", true)).toBe("Week of 9 Mar 2026");
  });
});

describe("date range presets", () => {
  const now = Date.parse("2026-03-10T23:30:00Z"); // already the 11th in Paris
  it("end today in the chosen zone", () => {
    expect(presetRange("7d", "Europe/Paris", now)).toEqual({ from: "2026-03-05", to: "2026-03-11" });
    expect(presetRange("7d", "UTC", now)).toEqual({ from: "2026-03-04", to: "2026-03-10" });
    expect(presetRange("all", "UTC", now)).toEqual({ from: null, to: null });
  });
  it("are recognised back from the URL", () => {
    expect(presetOf("2026-02-10", "2026-03-11", "Europe/Paris", now)).toBe("30d");
    expect(presetOf(null, null, "Europe/Paris", now)).toBe("all");
    expect(presetOf("2026-02-10", "2026-03-01", "Europe/Paris", now)).toBe("custom");
  });
  it("build requests the route's own schema accepts", () => {
    const r = presetRange("90d", "Asia/Kathmandu", now);
    expect(engagementQuerySchema.safeParse({ ...r, tz: "Asia/Kathmandu", interval: "week" }).success).toBe(true);
  });
});

describe("weekly buckets cut by the range", () => {
  const e = { interval: "week" as const, tz: "Europe/Paris", from: "2026-03-04", to: "2026-03-24" };
  it("say which days they cover", () => {
    expect(partialWeek("2026-03-01T23:00:00.000Z", e)).toBe("4 Mar 2026 – 8 Mar 2026 only");
    expect(partialWeek("2026-03-08T23:00:00.000Z", e)).toBeNull();
    expect(partialWeek("2026-03-22T23:00:00.000Z", e)).toBe("23 Mar 2026 – 24 Mar 2026 only");
    expect(partialWeek("2026-03-22T23:00:00.000Z", { ...e, interval: "day" })).toBeNull();
  });
  it("are drawn dashed, never on the solid line of whole weeks, and said in words", () => {
    const point = (bucket: string, sent: number) => ({ ...ZERO_COUNTS, bucket, sent, delivered: sent });
    const data = {
      ...e,
      series: [
        point("2026-03-01T23:00:00.000Z", 5),
        point("2026-03-08T23:00:00.000Z", 20),
        point("2026-03-15T23:00:00.000Z", 22),
        point("2026-03-22T23:00:00.000Z", 3),
      ],
    } as unknown as Engagement;
    const rows = plotSeries(data);
    expect(rows.map((r) => r.sent)).toEqual([null, 20, 22, null]);
    expect(rows.map((r) => r.sent__partial)).toEqual([5, 20, 22, 3]);
    expect(partialWeeksNote(data)).toBe(
      "Partial weeks, dashed — counts for the days in range only (first week: 4 Mar 2026 – 8 Mar 2026; last week: 23 Mar 2026 – 24 Mar 2026).",
    );
    expect(partialWeeksNote({ ...data, interval: "day" })).toBeNull();
  });
});

describe("funnel", () => {
  it("uses the cards' bases and never shows a share above its base", () => {
    const totals = {
      sent: 100,
      delivered: 90,
      opened: 45,
      clicked: 9,
      replied: 32,
      bounced: 10,
      unsubscribed: 0,
      interested: 46,
    };
    const rows = funnelRows({ totals, replies: "human" } as unknown as Engagement);
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.delivered).toMatchObject({ base: "sent", share: 0.9 });
    expect(by.opened).toMatchObject({ base: "delivered", share: 0.5, label: "45 · 50.0 % of delivered" });
    expect(by.replied!.base).toBe("delivered");
    expect(by.interested).toMatchObject({ base: "replied", share: null, over: true, label: "46 · more than replied" });
  });
});

describe("A/B reply-rate test", () => {
  const row = (variant: string, delivered: number, replied: number) => ({ variant, delivered, replied }) as VariantRow;
  it("gives the difference in reply rate and whether it is beyond chance", () => {
    const small = replyRateTest(row("A", 100, 5), row("B", 100, 8))!;
    expect(small.diff).toBeCloseTo(0.03, 10);
    expect(small.significant).toBe(false);
    const big = replyRateTest(row("A", 5000, 250), row("B", 5000, 400))!;
    expect(big.significant).toBe(true);
    expect(big.z).toBeGreaterThan(1.96);
    expect(replyRateTest(row("A", 0, 0), row("B", 10, 1))).toBeNull();
  });
});

describe("vendor figures", () => {
  it("uses the rate the vendor reports, else its documented formula", () => {
    expect(vendorRate("lemlist", "reply", { replied: 32, opened: 373, replyRate: 0.0858 })).toEqual({
      value: 0.0858,
      formula: "replied / opened",
    });
    expect(vendorRate("lemlist", "reply", { replied: 32, opened: 400 })).toEqual({
      value: 0.08,
      formula: "replied / opened",
    });
    expect(vendorRate("leadlex", "open", { opened: 446, sent: 794 })!.value).toBeCloseTo(446 / 794, 10);
    expect(vendorRate("smartlead", "reply", { replied: 10, sent: 100 })).toBeNull();
  });
  it("explains a difference only where there is one", () => {
    expect(differenceNote("lemlist", "opened", 0)).toBeNull();
    expect(differenceNote("lemlist", "opened", 12)).toMatch(/machine/);
  });
});
