import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementQuerySchema } from "@/lib/model/engagement";
import * as t from "@/lib/server/store/schema";
import { backfillReplyClasses } from "@/lib/server/sync/reply-class-backfill";
import { writeBatch } from "@/lib/server/sync/write";
import type { MappedActivity } from "@/lib/vendors/types";
import { lead, mappedActivity } from "@/tests/fixtures/mapped-activity";
import { freshStoreWith, STORE_KINDS } from "@/tests/helpers/stores";
import { listCampaigns } from "./campaigns";
import { timelineFiltersSchema, timelineQuerySchema } from "@/lib/model/timeline";
import { completenessOf } from "./completeness";
import { timelineFacets, timelinePage } from "./timeline";
import { campaignEngagement, compareCampaigns } from "./engagement";
import { compareQuerySchema } from "@/lib/model/engagement";

// Issue 18: the reply rate counts people's replies by default; `replies=all` counts every
// reply. Ten emails delivered, four replies: one person, one out-of-office, one opt-out,
// one bounce notice.

const C = "lemlist:cmp_replies";

const act = (id: string, kind: MappedActivity["kind"], at: string, person: string, text?: [string, string]) =>
  mappedActivity({
    id: `lemlist:${id}`,
    kind,
    direction: kind === "email_replied" ? "inbound" : "outbound",
    occurredAt: at,
    campaignId: C,
    subject: text?.[0] ?? null,
    preview: text?.[1] ?? null,
    body: text?.[1] ?? null,
    person: lead(person),
  });

const ROWS: MappedActivity[] = [
  ...Array.from({ length: 10 }, (_, i) => act(`s${i}`, "email_sent", `2026-03-02T0${i}:00:00Z`, `p${i}`)),
  act("r1", "email_replied", "2026-03-03T09:00:00Z", "p1", ["Re: hello", "Yes, let's talk on Tuesday."]),
  act("r2", "email_replied", "2026-03-03T10:00:00Z", "p2", ["Automatic reply: hello", "I am out of the office."]),
  act("r3", "email_replied", "2026-03-03T11:00:00Z", "p3", [
    "Re: hello",
    "Bitte tragen Sie mich aus Ihrem Verteiler aus.",
  ]),
  act("r4", "email_replied", "2026-03-03T12:00:00Z", "p4", ["Undeliverable: hello", "Delivery has failed."]),
];

describe.each(STORE_KINDS)("reply classes in engagement on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStoreWith>>;
  beforeAll(async () => {
    store = await freshStoreWith(kind, { id: "c1", vendor: "lemlist", label: "L" });
    await store.db.insert(t.campaigns).values({
      id: C,
      connectionId: "c1",
      vendor: "lemlist",
      vendorId: "cmp_replies",
      name: "Replies",
      status: "active",
    });
    await store.db.transaction((tx) => writeBatch(tx, "c1", "lemlist", { activities: ROWS }));
  });
  afterAll(async () => store?.cleanup());

  const q = (replies?: string) => engagementQuerySchema.parse({ tz: "UTC", ...(replies ? { replies } : {}) });

  it("stores each reply's class", async () => {
    const rows = (await store.db.execute(
      sql`select id, reply_class from activities where kind = 'email_replied' order by id`,
    )) as unknown as { rows: { id: string; reply_class: string }[] };
    expect(rows.rows.map((r) => r.reply_class)).toEqual(["human", "auto_reply", "opt_out", "bounce_notice"]);
  });

  it("counts people's replies by default, every reply with replies=all, and gives both formulas", async () => {
    const human = await campaignEngagement(store.db, C, q());
    expect(human.replies).toBe("human");
    expect(human.totals.delivered).toBe(10);
    expect(human.totals.replied).toBe(1);
    expect(human.rates.reply).toBeCloseTo(0.1, 10);
    expect(human.replyRates.human).toMatchObject({ replied: 1, rate: 0.1 });
    expect(human.replyRates.all).toMatchObject({ replied: 4, rate: 0.4 });
    expect(human.replyRates.human.formula).toMatch(/person.*\/ delivered/);
    expect(human.definitions.replied).toMatch(/auto-replies, opt-outs and bounce notices left out/);
    const all = await campaignEngagement(store.db, C, q("all"));
    expect(all.totals.replied).toBe(4);
    expect(all.rates.reply).toBeCloseTo(0.4, 10);
    expect(all.series.reduce((n, b) => n + b.replied, 0)).toBe(4);
    expect(human.series.reduce((n, b) => n + b.replied, 0)).toBe(1);
  });

  it("puts people's replies first in Latest replies, each with its class", async () => {
    const e = await campaignEngagement(store.db, C, q());
    expect(e.topReplies.map((r) => r.replyClass)).toEqual(["human", "bounce_notice", "opt_out", "auto_reply"]);
  });

  it("shows the class on the timeline and filters by it, with counts", async () => {
    const { rows } = (await store.db.execute(
      sql`select contact_id from activities where id = 'lemlist:r2'`,
    )) as unknown as { rows: { contact_id: string }[] };
    const contact = rows[0]!.contact_id;
    const all = await timelinePage(store.db, contact, timelineQuerySchema.parse({}));
    const reply = all.data.find((i) => i.type === "activity" && i.kind === "email_replied");
    expect(reply).toMatchObject({ replyClass: "auto_reply" });
    expect(all.data.some((i) => i.type === "activity" && i.kind === "email_sent")).toBe(true);
    const human = await timelinePage(store.db, contact, timelineQuerySchema.parse({ replyClass: "human" }));
    expect(human.data.some((i) => i.type === "activity" && i.kind === "email_replied")).toBe(false);
    expect(human.data.some((i) => i.type === "activity" && i.kind === "email_sent")).toBe(true);
    const f = await timelineFacets(store.db, contact, timelineFiltersSchema.parse({ replyClass: "human" }));
    expect(f.replyClasses).toEqual({ auto_reply: 1 });
    expect(timelineQuerySchema.safeParse({ replyClass: "robot" }).success).toBe(false);
  });

  it("lists and compares with human replies", async () => {
    const [c] = await listCampaigns(store.db, {});
    expect(c!.totals.replied).toBe(1);
    const cmp = await compareCampaigns(store.db, compareQuerySchema.parse({ ids: C, replies: "all" }));
    expect(cmp.data[0]!.totals.replied).toBe(4);
  });

  it("says when its copy is partial: vendor totals above ours, a quota-limited history, a running sync", async () => {
    expect((await campaignEngagement(store.db, C, q())).completeness).toMatchObject({
      state: "complete",
      reason: null,
    });
    await store.db.execute(sql`update campaigns set vendor_reported = '{"sent": 25}'::jsonb where id = ${C}`);
    const e = await campaignEngagement(store.db, C, q());
    expect(e.completeness).toMatchObject({
      state: "partial",
      synced: 10,
      vendorReported: 25,
      reasons: ["vendor_ahead"],
    });
    expect(e.completeness.reason).toMatch(/lemlist reports 25 sent; Touchline holds 10/);
    // A range is not comparable with the vendor's all-time total.
    expect(
      (await campaignEngagement(store.db, C, engagementQuerySchema.parse({ from: "2026-03-02", to: "2026-03-03" })))
        .completeness.state,
    ).toBe("complete");
    const [listed] = await listCampaigns(store.db, {});
    expect(listed!.completeness.state).toBe("partial");
    await store.db.execute(sql`update campaigns set vendor_reported = null where id = ${C}`);

    const now = Date.parse("2026-03-04T10:00:00Z");
    const meta = {
      quota: { limit: 100, remaining: 40, resetAt: "2026-03-05T00:00:00.000Z", source: "headers" },
      leadlex: { contactsTotal: 400, contactsComplete: 100, historyComplete: false },
    };
    const c = await completenessOf(
      store.db,
      [{ id: C, connectionId: "c1", vendor: "lemlist", sent: 10, vendorReported: null }],
      { whole: true, now },
    );
    expect(c.get(C)!.state).toBe("complete");
    await store.db.execute(
      sql`update connections set vendor = 'leadlex', meta = ${JSON.stringify(meta)}::jsonb where id = 'c1'`,
    );
    const p = (
      await completenessOf(
        store.db,
        [{ id: C, connectionId: "c1", vendor: "leadlex", sent: 10, vendorReported: null }],
        {
          whole: true,
          now,
        },
      )
    ).get(C)!;
    // 300 histories left; 40 − 30 reserve today, then 70 a day: 290 / 70 → 5 more days.
    expect(p).toMatchObject({ state: "partial", reasons: ["quota"], completeBy: "2026-03-09T23:59:59.999Z" });
    expect(p.reason).toMatch(/histories of 100 of 400 contacts read, about complete by 9 Mar/);
    await store.db.execute(sql`update connections set vendor = 'lemlist', meta = '{}'::jsonb where id = 'c1'`);
    await store.db.insert(t.syncRuns).values({ id: "run1", connectionId: "c1", state: "running", trigger: "manual" });
    expect((await campaignEngagement(store.db, C, q())).completeness.reasons).toEqual(["backfill"]);
    await store.db.execute(sql`delete from sync_runs`);
  });

  it("classifies replies stored before classes existed, and moves the rollups", async () => {
    await store.db.execute(sql`update activities set reply_class = null where kind = 'email_replied'`);
    // As migration 0011 leaves them: unclassified replies counted as people's.
    await store.db.execute(sql`update engagement_facts set replied_human_at = replied_at`);
    await store.db.execute(sql`update engagement_buckets set replied_human = replied`);
    await store.db.execute(sql`update engagement_hours set replied_human = replied`);
    expect((await campaignEngagement(store.db, C, q())).totals.replied).toBe(4);
    expect(await backfillReplyClasses(store.db)).toBe(4);
    expect((await campaignEngagement(store.db, C, q())).totals.replied).toBe(1);
    expect(await backfillReplyClasses(store.db)).toBe(0);
  });
});
