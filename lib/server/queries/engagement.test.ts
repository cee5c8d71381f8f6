import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityKind } from "@/lib/model/activity";
import {
  calendarDayIn,
  compareQuerySchema,
  engagementQuerySchema,
  ZERO_COUNTS,
  type EngagementQuery,
} from "@/lib/model/engagement";
import * as t from "@/lib/server/store/schema";
import { writeBatch } from "@/lib/server/sync/write";
import type { MappedActivity } from "@/lib/vendors/types";
import { freshStoreWith, STORE_KINDS } from "@/tests/helpers/stores";
import { listCampaigns, replySparklines } from "./campaigns";
import { campaignEngagement, compareCampaigns } from "./engagement";

type Store = Awaited<ReturnType<typeof freshStoreWith>>;

// ---------------------------------------------------------------------------
// A small deterministic campaign world, and an independent counter over its raw rows.

interface Raw {
  id: string;
  kind: ActivityKind;
  at: string;
  person: string | null;
  campaign: string;
  step: number | null;
  variant: string | null;
  bot: boolean;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** People get up to three steps; each step may bounce, be opened (by a machine, a person, or both), clicked, replied, and end interested. */
function generate(campaign: string, seed: number, people: number, start: number, ab: boolean): Raw[] {
  const r = rng(seed);
  const rows: Raw[] = [];
  let n = 0;
  const add = (
    kind: ActivityKind,
    at: number,
    person: string | null,
    step: number | null,
    variant: string | null,
    bot = false,
  ) =>
    rows.push({ id: `${campaign}-${n++}`, kind, at: new Date(at).toISOString(), person, campaign, step, variant, bot });
  const variantOf = new Map<string, string | null>(); // a vendor keeps a person on one variant
  for (let p = 0; p < people; p++) {
    const person = `${campaign}-p${p % Math.ceil(people * 0.9)}`; // a few people twice: repeated (person, step) pairs
    const variant = variantOf.get(person) ?? variantOf.set(person, ab ? (r() < 0.5 ? "A" : "B") : null).get(person)!;
    let at = start + Math.floor(r() * 20 * 86400e3);
    for (let step = 1; step <= 3; step++) {
      at += Math.floor((2 + r() * 3) * 86400e3);
      add("email_sent", at, person, step, variant);
      if (r() < 0.06) {
        add("email_bounced", at + 60_000 * (1 + Math.floor(r() * 40)), person, step, variant);
        break;
      }
      if (r() < 0.3) add("email_opened", at + 30_000, person, step, variant, true);
      if (r() < 0.5) {
        const o = at + Math.floor(r() * 3 * 86400e3);
        add("email_opened", o, person, step, variant);
        if (r() < 0.4) add("email_opened", o + 3600e3, person, step, variant);
        if (r() < 0.25) add("email_clicked", o + 120_000, person, step, variant);
      }
      if (r() < 0.1) add("email_clicked", at + 40_000, person, step, variant, true);
      if (r() < (variant === "B" ? 0.14 : 0.08)) {
        add("email_replied", at + Math.floor(r() * 4 * 86400e3), person, step, variant);
        if (r() < 0.4) add("interested", at + 5 * 86400e3, person, step, variant);
        break;
      }
      if (r() < 0.02) add("unsubscribed", at + 7200e3, person, step, variant);
    }
    if (r() < 0.3) add("system", at, person, null, null); // lemlist's lead-state aggregates never count
    if (r() < 0.1) add("linkedin_visit", at, person, 2, variant);
  }
  add("email_sent", start + 86400e3, null, 1, ab ? "A" : null); // an email to nobody we know
  return rows;
}

const toMapped = (a: Raw): MappedActivity => ({
  id: `lemlist:${a.id}`,
  vendor: "lemlist",
  vendorType: a.kind,
  kind: a.kind,
  channel: a.kind.startsWith("linkedin") ? "linkedin" : a.kind === "system" ? "system" : "email",
  direction: null,
  occurredAt: a.at,
  campaignId: a.campaign,
  sequenceStep: a.step,
  variant: a.variant,
  actor: null,
  subject: a.kind === "email_replied" ? "Re: hello" : null,
  preview: a.kind === "email_replied" ? `Reply from ${a.person}` : null,
  body: null,
  bot: a.bot,
  url: null,
  raw: {},
  person: a.person
    ? { identities: [{ vendorId: `lea_${a.person}`, kind: "lead" }], email: `${a.person}@example.com`, name: a.person }
    : null,
});

type Counts = Record<
  "sent" | "delivered" | "opened" | "clicked" | "replied" | "bounced" | "unsubscribed" | "interested",
  number
>;

/**
 * DESIGN.md's definitions, straight over the raw rows: sends and bounces are events;
 * opened/clicked/replied/interested/unsubscribed are distinct (person, step) pairs counted
 * where their first such event falls. `keyOf` groups the result (a day, a step, a variant…).
 */
function countIndependently(
  rows: Raw[],
  opts: { bots: boolean; inRange?: (at: string) => boolean; keyOf: (at: string, r: Raw) => string | null },
) {
  const out = new Map<string, Counts>();
  const get = (k: string) => out.get(k) ?? out.set(k, { ...ZERO_COUNTS }).get(k)!;
  const first = new Map<string, Raw>();
  const distinctKind: Partial<Record<ActivityKind, keyof Counts>> = {
    email_opened: "opened",
    email_clicked: "clicked",
    email_replied: "replied",
    interested: "interested",
    unsubscribed: "unsubscribed",
  };
  for (const r of rows) {
    if (r.kind === "email_sent" || r.kind === "email_bounced") {
      if (opts.inRange && !opts.inRange(r.at)) continue;
      const k = opts.keyOf(r.at, r);
      if (k !== null) get(k)[r.kind === "email_sent" ? "sent" : "bounced"]++;
      continue;
    }
    if (!distinctKind[r.kind] || (r.bot && !opts.bots)) continue;
    const pair = `${r.kind}|${r.person ?? `activity:${r.id}`}|${r.step ?? 0}`;
    const seen = first.get(pair);
    if (!seen || r.at < seen.at) first.set(pair, r);
  }
  for (const r of first.values()) {
    if (opts.inRange && !opts.inRange(r.at)) continue;
    const k = opts.keyOf(r.at, r);
    if (k !== null) get(k)[distinctKind[r.kind]!]++;
  }
  for (const c of out.values()) c.delivered = Math.max(0, c.sent - c.bounced);
  return out;
}

const q = (input: Record<string, string>): EngagementQuery => engagementQuerySchema.parse(input);
const pick = (c: Record<string, unknown>) => ({
  sent: c.sent,
  delivered: c.delivered,
  opened: c.opened,
  clicked: c.clicked,
  replied: c.replied,
  bounced: c.bounced,
  unsubscribed: c.unsubscribed,
  interested: c.interested,
});

// ---------------------------------------------------------------------------

const BIG = "lemlist:cmp_big";
const AB = "lemlist:cmp_ab";
const SMALL = "smartlead:77";
const START = Date.UTC(2026, 2, 2); // Monday 2 March 2026; Paris moves to summer time on 29 March

describe.each(STORE_KINDS)("campaign engagement on %s", (kind) => {
  let store: Store;
  const raw = [...generate(BIG, 1, 400, START, false), ...generate(AB, 2, 300, START, true)];
  const small: Raw[] = [
    {
      id: "s1",
      kind: "email_sent",
      at: "2026-03-10T23:30:00.000Z",
      person: "zoe",
      campaign: SMALL,
      step: 1,
      variant: null,
      bot: false,
    },
    {
      id: "s2",
      kind: "email_replied",
      at: "2026-03-11T08:00:00.000Z",
      person: "zoe",
      campaign: SMALL,
      step: 1,
      variant: null,
      bot: false,
    },
  ];

  beforeAll(async () => {
    store = await freshStoreWith(
      kind,
      { id: "conn1", vendor: "lemlist", label: "L" },
      { id: "conn2", vendor: "smartlead", label: "S" },
    );
    await store.db.insert(t.campaigns).values([
      {
        id: BIG,
        connectionId: "conn1",
        vendor: "lemlist",
        vendorId: "cmp_big",
        name: "Big launch",
        status: "active",
        vendorReported: { sent: 1000, replied: 50 },
      },
      { id: AB, connectionId: "conn1", vendor: "lemlist", vendorId: "cmp_ab", name: "Subject A/B", status: "paused" },
      {
        id: SMALL,
        connectionId: "conn2",
        vendor: "smartlead",
        vendorId: "77",
        name: "Night owls",
        status: "completed",
      },
    ]);
    // Written the way the sync writes them: pages of 250, the second half of each campaign twice (an overlapping window).
    const all = raw.map(toMapped);
    for (let i = 0; i < all.length; i += 250)
      await store.db.transaction((tx) => writeBatch(tx, "conn1", "lemlist", { activities: all.slice(i, i + 250) }));
    await store.db.transaction((tx) => writeBatch(tx, "conn1", "lemlist", { activities: all.slice(all.length / 2) }));
    await store.db.transaction((tx) =>
      writeBatch(tx, "conn2", "smartlead", {
        activities: small.map((a) => ({ ...toMapped(a), id: `smartlead:${a.id}`, vendor: "smartlead" })),
      }),
    );
  });
  afterAll(async () => store?.cleanup());

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

  it("daily series in Europe/Paris: every day present, each day equal to the independent count, summing to the totals", async () => {
    const e = await campaignEngagement(store.db, BIG, q({ tz: "Europe/Paris", interval: "day" }));
    const rows = raw.filter((r) => r.campaign === BIG);
    const byDay = countIndependently(rows, { bots: false, keyOf: (at) => calendarDayIn(at, "Europe/Paris") });
    const days = e.series.map((s) => calendarDayIn(s.bucket, "Europe/Paris"));
    expect(days[0]).toBe(calendarDayIn(rows.map((r) => r.at).sort()[0]!, "Europe/Paris"));
    expect(days.at(-1)).toBe(
      calendarDayIn(
        rows
          .map((r) => r.at)
          .sort()
          .at(-1)!,
        "Europe/Paris",
      ),
    );
    for (let i = 1; i < days.length; i++)
      expect(Date.parse(`${days[i]}T00:00:00Z`) - Date.parse(`${days[i - 1]}T00:00:00Z`)).toBe(86400e3);
    // Each bucket starts at a Paris midnight: 23:00Z in winter, 22:00Z in summer.
    expect(e.series.every((s) => /T2[23]:00:00\.000Z$/.test(s.bucket))).toBe(true);
    expect(e.series.some((s) => s.bucket.endsWith("T22:00:00.000Z"))).toBe(true);
    for (const s of e.series) {
      const expected = byDay.get(calendarDayIn(s.bucket, "Europe/Paris"));
      expect(pick(s), s.bucket).toEqual(expected ?? ZERO_COUNTS);
    }
    for (const k of ["sent", "bounced", "opened", "clicked", "replied", "interested", "unsubscribed"] as const) {
      expect(
        e.series.reduce((n, s) => n + s[k], 0),
        k,
      ).toBe(e.totals[k]);
    }
  });

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

  it("gives rates as fractions with their definitions, and the vendor's own numbers", async () => {
    const e = await campaignEngagement(store.db, BIG, q({}));
    expect(e.rates.reply).toBeCloseTo(e.totals.replied / e.totals.delivered, 10);
    expect(e.rates.bounce).toBeCloseTo(e.totals.bounced / e.totals.sent, 10);
    expect(e.definitions).toMatchObject({
      open: "opened / delivered",
      reply: "replied / delivered",
      bounce: "bounced / sent",
    });
    expect(e.vendorReported).toEqual({ sent: 1000, replied: 50 });
  });

  it("lists the latest replies with the person and whether they were interested", async () => {
    const e = await campaignEngagement(store.db, AB, q({}));
    const replies = raw
      .filter((r) => r.campaign === AB && r.kind === "email_replied")
      .sort((a, b) => b.at.localeCompare(a.at));
    expect(e.topReplies.map((r) => r.occurredAt)).toEqual(replies.slice(0, 10).map((r) => r.at));
    expect(e.topReplies[0]).toMatchObject({
      contactId: expect.stringMatching(/^c_/),
      email: `${replies[0]!.person}@example.com`,
      step: replies[0]!.step,
      preview: `Reply from ${replies[0]!.person}`,
    });
  });

  it("a range with nothing in it answers zeros for every day", async () => {
    const e = await campaignEngagement(store.db, BIG, q({ from: "2025-01-01", to: "2025-01-03" }));
    expect(e.series.map((s) => s.sent)).toEqual([0, 0, 0]);
    expect(e.totals.sent).toBe(0);
    expect(e.rates.open).toBeNull();
  });

  it("an unknown campaign is a 404", async () => {
    await expect(campaignEngagement(store.db, "lemlist:nope", q({}))).rejects.toMatchObject({ status: 404 });
  });

  it("compares campaigns across vendors, and names the unknown ones", async () => {
    const c = await compareCampaigns(store.db, compareQuerySchema.parse({ ids: `${BIG},${SMALL}` }));
    expect(c.data.map((d) => [d.campaign.id, d.campaign.vendor, d.totals.sent])).toEqual([
      [BIG, "lemlist", (await campaignEngagement(store.db, BIG, q({}))).totals.sent],
      [SMALL, "smartlead", 1],
    ]);
    const ranged = await compareCampaigns(
      store.db,
      compareQuerySchema.parse({ ids: `${BIG},${SMALL}`, from: "2026-03-11", to: "2026-03-11", tz: "Europe/Paris" }),
    );
    expect(ranged.data[1]!.totals.sent).toBe(1);
    // An old link with deleted ids still compares the rest, and names the missing ones.
    const partly = await compareCampaigns(store.db, compareQuerySchema.parse({ ids: `${BIG},lemlist:x,smartlead:y` }));
    expect(partly.data.map((d) => d.campaign.id)).toEqual([BIG]);
    expect(partly.notFound).toEqual(["lemlist:x", "smartlead:y"]);
    await expect(
      compareCampaigns(store.db, compareQuerySchema.parse({ ids: `lemlist:x,smartlead:y` })),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('"lemlist:x", "smartlead:y"'),
    });
  });

  it("lists every campaign with all-time totals, filtered by vendor, status and text", async () => {
    const all = await listCampaigns(store.db, {});
    expect(all.map((c) => c.id).sort()).toEqual([AB, BIG, SMALL].sort());
    const big = all.find((c) => c.id === BIG)!;
    expect(big.totals).toEqual((await campaignEngagement(store.db, BIG, q({}))).totals);
    expect(big.lastActivityAt).toBe(
      raw
        .filter((r) => r.campaign === BIG)
        .map((r) => r.at)
        .sort()
        .at(-1),
    );
    expect((await listCampaigns(store.db, { vendor: ["smartlead"] })).map((c) => c.id)).toEqual([SMALL]);
    expect((await listCampaigns(store.db, { status: ["paused"] })).map((c) => c.id)).toEqual([AB]);
    expect((await listCampaigns(store.db, { q: "a/b" })).map((c) => c.id)).toEqual([AB]);
    expect(await listCampaigns(store.db, { q: "%" })).toEqual([]);
  });

  it("sparklines hold replies per day for the last 30 days in the zone", async () => {
    const now = Date.parse("2026-03-11T12:00:00Z");
    const { days, byCampaign } = await replySparklines(store.db, "Europe/Paris", 30, now);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBe("2026-03-11");
    expect(byCampaign.get(SMALL)?.at(-1)).toBe(1);
    const expected = raw.filter(
      (r) => r.campaign === AB && r.kind === "email_replied" && calendarDayIn(r.at, "Europe/Paris") <= "2026-03-11",
    ).length;
    expect((byCampaign.get(AB) ?? []).reduce((a, b) => a + b, 0)).toBe(expected);
  });

  it("reads the (campaign_id, bucket) key of the rollups, not the whole table", async () => {
    await store.db.execute(sql`set enable_seqscan = off`);
    const plan = await store.db.execute(
      sql`explain select sum(sent) from engagement_buckets where campaign_id = ${BIG} and bucket >= now() - interval '30 days'`,
    );
    await store.db.execute(sql`set enable_seqscan = on`);
    expect(JSON.stringify(plan)).toContain("engagement_buckets_campaign_id_bucket_step_variant_pk");
  });
});
