import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementQuerySchema } from "@/lib/model/engagement";
import * as t from "@/lib/server/store/schema";
import { backfillReplyClasses } from "@/lib/server/sync/reply-class-backfill";
import { writeBatch } from "@/lib/server/sync/write";
import type { MappedActivity } from "@/lib/vendors/types";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { listCampaigns } from "./campaigns";
import { campaignEngagement, compareCampaigns } from "./engagement";
import { compareQuerySchema } from "@/lib/model/engagement";

// Issue 18: the reply rate counts people's replies by default; `replies=all` counts every
// reply. Ten emails delivered, four replies: one person, one out-of-office, one opt-out,
// one bounce notice.

const C = "lemlist:cmp_replies";

const act = (id: string, kind: MappedActivity["kind"], at: string, person: string, text?: [string, string]) =>
  ({
    id: `lemlist:${id}`,
    vendor: "lemlist",
    vendorType: kind,
    kind,
    channel: "email",
    direction: kind === "email_replied" ? "inbound" : "outbound",
    occurredAt: at,
    campaignId: C,
    sequenceStep: 1,
    variant: null,
    actor: null,
    subject: text?.[0] ?? null,
    preview: text?.[1] ?? null,
    body: text?.[1] ?? null,
    bot: false,
    url: null,
    raw: {},
    person: { identities: [{ vendorId: `lea_${person}`, kind: "lead" }], email: `${person}@example.com`, name: person },
  }) satisfies MappedActivity;

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
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
    await store.db
      .insert(t.connections)
      .values({ id: "c1", vendor: "lemlist", label: "L", keyCiphertext: "x", keyHint: "x" });
    await store.db
      .insert(t.campaigns)
      .values({
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

  it("lists and compares with human replies", async () => {
    const [c] = await listCampaigns(store.db, {});
    expect(c!.totals.replied).toBe(1);
    const cmp = await compareCampaigns(store.db, compareQuerySchema.parse({ ids: C, replies: "all" }));
    expect(cmp.data[0]!.totals.replied).toBe(4);
  });

  it("classifies replies stored before classes existed, and moves the rollups", async () => {
    await store.db.execute(sql`update activities set reply_class = null where kind = 'email_replied'`);
    // As migration 0011 leaves them: unclassified replies counted as people's.
    await store.db.execute(sql`update engagement_facts set replied_human_at = replied_at`);
    await store.db.execute(sql`update engagement_buckets set replied_human = replied`);
    expect((await campaignEngagement(store.db, C, q())).totals.replied).toBe(4);
    expect(await backfillReplyClasses(store.db)).toBe(4);
    expect((await campaignEngagement(store.db, C, q())).totals.replied).toBe(1);
    expect(await backfillReplyClasses(store.db)).toBe(0);
  });
});
