import { describe, expect, it } from "vitest";
import type { ActivityKind } from "@/lib/model/activity";
import { calendarDayIn, ZERO_COUNTS } from "@/lib/model/engagement";
import { STORE_KINDS } from "@/tests/helpers/stores";
import { AB, BIG, countIndependently, pick, q, seededEngagementStore, SMALL } from "./engagement-test-store";
import { campaignEngagement } from "./engagement";

// A campaign's engagement against an independent count of the raw rows: totals, steps,
// variants, daily and weekly series in a zone, and the bot toggle.

describe.each(STORE_KINDS)("campaign engagement on %s", (kind) => {
  const { store, raw } = seededEngagementStore(kind);

  for (const bots of ["exclude", "include"] as const) {
    it(`totals, steps and variants equal an independent count of the raw rows (bots=${bots})`, async () => {
      for (const campaign of [BIG, AB]) {
        const rows = raw.filter((r) => r.campaign === campaign);
        const e = await campaignEngagement(store.db, campaign, q({ bots, tz: "Europe/Paris" }));
        const total = countIndependently(rows, { bots: bots === "include", keyOf: () => "all" }).get("all")!;
        expect(pick(e.totals)).toEqual(total);
        expect(e.totals.sent).toBeGreaterThan(500);
        const steps = countIndependently(rows, {
          bots: bots === "include",
          keyOf: (_, r) => (r.step ? String(r.step) : null),
        });
        expect(e.byStep.map((s) => [s.step, pick(s)])).toEqual(
          [...steps.entries()].sort().map(([k, c]) => [Number(k), c]),
        );
        const variants = countIndependently(rows, { bots: bots === "include", keyOf: (_, r) => r.variant });
        expect(e.byVariant.map((v) => [v.variant, pick(v)])).toEqual(
          [...variants.entries()].sort().map(([k, c]) => [k, c]),
        );
      }
    });
  }

  // Paris days start on whole UTC hours (read from the hourly rows); Kathmandu's at :15 (the 15-minute ones).
  for (const [tz, startOfDay, summer] of [
    ["Europe/Paris", /T2[23]:00:00\.000Z$/, "T22:00:00.000Z"],
    ["Asia/Kathmandu", /T18:15:00\.000Z$/, null],
  ] as const) {
    it(`daily series in ${tz}: every day present, each day equal to the independent count, summing to the totals`, async () => {
      const e = await campaignEngagement(store.db, BIG, q({ tz, interval: "day" }));
      const rows = raw.filter((r) => r.campaign === BIG);
      const byDay = countIndependently(rows, { bots: false, keyOf: (at) => calendarDayIn(at, tz) });
      const days = e.series.map((s) => calendarDayIn(s.bucket, tz));
      expect(days[0]).toBe(calendarDayIn(rows.map((r) => r.at).sort()[0]!, tz));
      expect(days.at(-1)).toBe(
        calendarDayIn(
          rows
            .map((r) => r.at)
            .sort()
            .at(-1)!,
          tz,
        ),
      );
      for (let i = 1; i < days.length; i++)
        expect(Date.parse(`${days[i]}T00:00:00Z`) - Date.parse(`${days[i - 1]}T00:00:00Z`)).toBe(86400e3);
      // Each bucket starts at a local midnight (Paris: 23:00Z in winter, 22:00Z in summer).
      expect(e.series.every((s) => startOfDay.test(s.bucket))).toBe(true);
      if (summer) expect(e.series.some((s) => s.bucket.endsWith(summer))).toBe(true);
      for (const s of e.series) {
        const expected = byDay.get(calendarDayIn(s.bucket, tz));
        expect(pick(s), s.bucket).toEqual(expected ?? ZERO_COUNTS);
      }
      for (const k of ["sent", "bounced", "opened", "clicked", "replied", "interested", "unsubscribed"] as const) {
        expect(
          e.series.reduce((n, s) => n + s[k], 0),
          k,
        ).toBe(e.totals[k]);
      }
    });
  }

  it("an email at 23:30 UTC lands on the next day in Europe/Paris and on its own day in UTC", async () => {
    const paris = await campaignEngagement(store.db, SMALL, q({ tz: "Europe/Paris" }));
    expect(paris.from).toBe("2026-03-11");
    expect(paris.series).toEqual([
      expect.objectContaining({ bucket: "2026-03-10T23:00:00.000Z", sent: 1, replied: 1 }),
    ]);
    const utc = await campaignEngagement(store.db, SMALL, q({ tz: "UTC" }));
    expect(utc.series.map((s) => [s.bucket, s.sent, s.replied])).toEqual([
      ["2026-03-10T00:00:00.000Z", 1, 0],
      ["2026-03-11T00:00:00.000Z", 0, 1],
    ]);
    const kolkata = await campaignEngagement(store.db, SMALL, q({ tz: "Asia/Kathmandu" })); // +05:45
    expect(kolkata.series.map((s) => [s.bucket, s.sent])).toEqual([["2026-03-10T18:15:00.000Z", 1]]);
  });

  it("weekly buckets start on Monday in the zone, across the change to summer time", async () => {
    const e = await campaignEngagement(
      store.db,
      BIG,
      q({ tz: "Europe/Paris", interval: "week", from: "2026-03-04", to: "2026-04-08" }),
    );
    expect(e.series.map((s) => s.bucket)).toEqual([
      "2026-03-01T23:00:00.000Z",
      "2026-03-08T23:00:00.000Z",
      "2026-03-15T23:00:00.000Z",
      "2026-03-22T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z",
      "2026-04-05T22:00:00.000Z",
    ]);
    const rows = raw.filter((r) => r.campaign === BIG);
    const inRange = (at: string) =>
      calendarDayIn(at, "Europe/Paris") >= "2026-03-04" && calendarDayIn(at, "Europe/Paris") <= "2026-04-08";
    const expected = countIndependently(rows, { bots: false, inRange, keyOf: () => "all" }).get("all")!;
    expect(pick(e.totals)).toEqual(expected);
    expect(e.series.reduce((n, s) => n + s.sent, 0)).toBe(e.totals.sent);
  });

  it("steps are 1-based and outcomes without a step count in the totals only", async () => {
    const e = await campaignEngagement(store.db, BIG, q({}));
    expect(e.byStep.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(e.byStep.reduce((n, s) => n + s.sent, 0)).toBe(e.totals.sent);
  });

  it("the bot toggle changes opens and clicks by exactly the pairs only machines opened or clicked", async () => {
    const rows = raw.filter((r) => r.campaign === AB);
    const onlyMachine = (kind: ActivityKind) => {
      const pairs = new Map<string, boolean>();
      for (const r of rows.filter((x) => x.kind === kind)) {
        const k = `${r.person}|${r.step}`;
        pairs.set(k, (pairs.get(k) ?? true) && r.bot);
      }
      return [...pairs.values()].filter(Boolean).length;
    };
    const off = await campaignEngagement(store.db, AB, q({ bots: "exclude" }));
    const on = await campaignEngagement(store.db, AB, q({ bots: "include" }));
    expect(onlyMachine("email_opened")).toBeGreaterThan(0);
    expect(on.totals.opened - off.totals.opened).toBe(onlyMachine("email_opened"));
    expect(on.totals.clicked - off.totals.clicked).toBe(onlyMachine("email_clicked"));
    expect(on.totals.sent).toBe(off.totals.sent);
  });
});
