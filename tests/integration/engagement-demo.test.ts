import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementQuerySchema } from "@/lib/model/engagement";
import { VENDORS, type Vendor } from "@/lib/model/vendor";
import type { RunningSandbox } from "@/lib/sandbox";
import { campaignEngagement } from "@/lib/server/queries/engagement";
import { rebuildEngagementRollups } from "@/lib/server/rollups/engagement";
import { queryRows } from "@/lib/server/store/db";
import { runSync } from "@/lib/server/sync/engine";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { connectAll, smallWorld, startWorld } from "./sync-harness";

// Campaign engagement over a generated world synced for real (connectors over HTTP from the
// four simulators): the totals the rollups give equal an independent count over the stored
// activity rows, and the sends and bounces equal the simulators' own statistics (computed
// from the generator's data) wherever the whole activity log is synced.
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

const world = smallWorld();
let sandbox: RunningSandbox[];
beforeAll(async () => {
  sandbox = await startWorld(world);
}, 180_000);
afterAll(async () => {
  await Promise.all(sandbox?.map((s) => s.server.close()) ?? []);
});

type Counts = {
  sent: number;
  bounced: number;
  opened: number;
  clicked: number;
  replied: number;
  interested: number;
  unsubscribed: number;
};

describe.each(STORE_KINDS)("engagement of a synced world on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
    const conns = await connectAll(store, sandbox);
    // Two full syncs: the second re-reads every overlapping window and must change nothing.
    for (let round = 0; round < 2; round++) {
      for (const vendor of VENDORS) {
        const outcome = await runSync(conns[vendor], "manual", store);
        expect(outcome?.state, `${vendor}: ${outcome?.error}`).toBe("succeeded");
      }
    }
  }, 480_000);
  afterAll(async () => store?.cleanup());

  /** DESIGN.md's definitions as one plain SQL count over the raw activity rows, no rollups involved. */
  async function independent(
    campaignId: string,
    bots: boolean,
  ): Promise<{ total: Counts; steps: (Counts & { step: number })[] }> {
    const pair = sql`coalesce(contact_id, 'activity:' || id) || '|' || coalesce(sequence_step, 0)`;
    const human = bots ? sql`true` : sql`not bot`;
    const counts = sql`
      count(*) filter (where kind = 'email_sent')::int as sent,
      count(*) filter (where kind = 'email_bounced')::int as bounced,
      count(distinct ${pair}) filter (where kind = 'email_opened' and ${human})::int as opened,
      count(distinct ${pair}) filter (where kind = 'email_clicked' and ${human})::int as clicked,
      count(distinct ${pair}) filter (where kind = 'email_replied' and ${human})::int as replied,
      count(distinct ${pair}) filter (where kind = 'interested')::int as interested,
      count(distinct ${pair}) filter (where kind = 'unsubscribed')::int as unsubscribed`;
    const [total] = await queryRows<Counts>(
      store.db,
      sql`select ${counts} from activities where campaign_id = ${campaignId}`,
    );
    const steps = await queryRows<Counts & { step: number }>(
      store.db,
      sql`
      select sequence_step as step, ${counts} from activities where campaign_id = ${campaignId} and sequence_step is not null
      group by sequence_step having count(*) filter (where kind in ('email_sent','email_bounced','email_opened','email_clicked','email_replied','interested','unsubscribed')) > 0
      order by 1`,
    );
    return { total: total!, steps };
  }
  const pick = (c: Counts) => ({
    sent: c.sent,
    bounced: c.bounced,
    opened: c.opened,
    clicked: c.clicked,
    replied: c.replied,
    interested: c.interested,
    unsubscribed: c.unsubscribed,
  });

  it("every campaign's totals and steps equal the independent count, with and without machine events", async () => {
    const campaigns = await queryRows<{ id: string; vendor: Vendor }>(
      store.db,
      sql`select id, vendor from campaigns order by id`,
    );
    expect(new Set(campaigns.map((c) => c.vendor)).size).toBeGreaterThanOrEqual(3);
    let checked = 0;
    for (const c of campaigns) {
      for (const bots of [false, true]) {
        const e = await campaignEngagement(
          store.db,
          c.id,
          // Every reply, as the independent count has no reply classes.
          engagementQuerySchema.parse({ tz: "Europe/Paris", bots: bots ? "include" : "exclude", replies: "all" }),
        );
        const want = await independent(c.id, bots);
        expect(pick(e.totals), `${c.id} bots=${bots}`).toEqual(pick(want.total));
        expect(
          e.byStep.map((s) => [s.step, pick(s)]),
          `${c.id} steps`,
        ).toEqual(want.steps.map((s) => [s.step, pick(s)]));
        expect(e.series.reduce((n, s) => n + s.sent, 0)).toBe(e.totals.sent);
        if (e.totals.sent > 0) checked++;
      }
      expect(
        Math.min(
          ...(await campaignEngagement(store.db, c.id, engagementQuerySchema.parse({}))).byStep.map((s) => s.step),
        ),
      ).toBeGreaterThanOrEqual(1);
    }
    expect(checked).toBeGreaterThan(10);
  }, 120_000);

  it("shows no rate above 100 % and people's replies within all replies, on every campaign (issue 18)", async () => {
    const campaigns = await queryRows<{ id: string }>(store.db, sql`select id from campaigns order by id`);
    for (const c of campaigns) {
      const e = await campaignEngagement(store.db, c.id, engagementQuerySchema.parse({}));
      for (const rates of [e.rates, ...e.byStep.map((s) => s.rates), ...e.byVariant.map((v) => v.rates)])
        for (const [k, v] of Object.entries(rates))
          if (v !== null && v !== undefined) expect(v, `${c.id} ${k}`).toBeLessThanOrEqual(1);
      expect(e.replyRates.human.replied).toBeLessThanOrEqual(e.replyRates.all.replied);
      expect(e.totals.replied).toBe(e.replyRates.human.replied);
    }
  }, 120_000);

  it("sends and bounces equal the simulators' own statistics where the whole log is synced", async () => {
    const rows = await queryRows<{ id: string; vendor: Vendor; reported: Record<string, number | null> | null }>(
      store.db,
      sql`select id, vendor, vendor_reported as reported from campaigns where vendor in ('lemlist', 'smartlead') and vendor_reported is not null`,
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      const e = await campaignEngagement(store.db, r.id, engagementQuerySchema.parse({}));
      if (typeof r.reported?.sent === "number") expect(e.totals.sent, `${r.id} sent`).toBe(r.reported.sent);
      if (typeof r.reported?.bounced === "number") expect(e.totals.bounced, `${r.id} bounced`).toBe(r.reported.bounced);
      // The whole log synced: the copy is complete.
      expect(e.completeness, r.id).toMatchObject({ state: "complete", reasons: [] });
    }
  }, 60_000);

  it("the rollups the syncs kept equal a rebuild from scratch", async () => {
    const snap = async () => ({
      quarters: await queryRows(
        store.db,
        sql`select campaign_id, bucket::text, step, variant, sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, interested, unsubscribed
        from engagement_buckets where (sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, interested, unsubscribed) <> (0,0,0,0,0,0,0,0,0,0)
        order by 1, 2, 3, 4`,
      ),
      hours: await queryRows(
        store.db,
        sql`select campaign_id, hour::text, step, variant, sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, replied_human, interested, unsubscribed
        from engagement_hours where (sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, replied_human, interested, unsubscribed) <> (0,0,0,0,0,0,0,0,0,0,0)
        order by 1, 2, 3, 4`,
      ),
    });
    const kept = await snap();
    await rebuildEngagementRollups(store.db);
    expect(await snap()).toEqual(kept);
    expect(kept.quarters.length).toBeGreaterThan(100);
    expect(kept.hours.length).toBeGreaterThan(50);
  }, 60_000);
});
