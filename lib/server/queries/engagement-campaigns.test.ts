import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { calendarDayIn, compareQuerySchema } from "@/lib/model/engagement";
import { STORE_KINDS } from "@/tests/helpers/stores";
import { listCampaigns, replySparklines } from "./campaigns";
import { AB, BIG, q, seededEngagementStore, SMALL } from "./engagement-test-store";
import { campaignEngagement, compareCampaigns } from "./engagement";

// What the campaign pages read besides the counts: rates and vendor numbers, latest replies,
// empty ranges and unknown campaigns, comparisons, the campaign list, reply sparklines, and
// the rollups' key.

describe.each(STORE_KINDS)("campaign engagement on %s", (kind) => {
  const { store, raw } = seededEngagementStore(kind);

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
