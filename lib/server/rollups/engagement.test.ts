import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ActivityKind } from "@/lib/model/activity";
import type { MappedActivity } from "@/lib/vendors/types";
import { queryRows } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";
import { removeRows, sweepActivities } from "@/lib/server/sync/remove";
import { writeBatch } from "@/lib/server/sync/write";
import { freshStoreWith, STORE_KINDS } from "@/tests/helpers/stores";
import { FACT_KINDS, rebuildEngagementRollups } from "./engagement";

type Store = Awaited<ReturnType<typeof freshStoreWith>>;

function act(
  id: string,
  kind: ActivityKind,
  occurredAt: string,
  o: {
    person?: string | null;
    campaign?: string | null;
    step?: number | null;
    variant?: string | null;
    bot?: boolean;
    state?: "scheduled" | "canceled" | null;
  } = {},
): MappedActivity {
  const person = o.person === undefined ? "p1" : o.person;
  return {
    id: `lemlist:${id}`,
    vendor: "lemlist",
    vendorType: kind,
    kind,
    channel: "email",
    direction: kind === "email_replied" ? "inbound" : "outbound",
    occurredAt,
    campaignId: o.campaign === undefined ? "lemlist:cmp1" : o.campaign,
    sequenceStep: o.step === undefined ? 1 : o.step,
    variant: o.variant ?? null,
    actor: null,
    subject: null,
    preview: null,
    body: null,
    bot: o.bot ?? false,
    state: o.state ?? null,
    url: null,
    raw: {},
    person: person
      ? { identities: [{ vendorId: `lea_${person}`, kind: "lead" }], email: `${person}@example.com`, name: person }
      : null,
  };
}

async function write(store: Store, activities: MappedActivity[]) {
  await store.db.transaction((tx) => writeBatch(tx, "conn1", "lemlist", { activities }));
}

/** Both rollup tables, zero rows dropped, in a stable order. */
async function snapshot(store: Store) {
  const facts = await queryRows<Record<string, unknown>>(
    store.db,
    sql`
    select campaign_id, contact_key, step, variant, connection_id,
      array(select to_char(x at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') from unnest(sent_at) x) as sent,
      array(select to_char(x at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') from unnest(bounced_at) x) as bounced,
      opened_at::text, opened_any_at::text, clicked_at::text, clicked_any_at::text, replied_at::text, replied_any_at::text, interested_at::text, unsubscribed_at::text
    from engagement_facts order by campaign_id, contact_key, step`,
  );
  const buckets = await queryRows<Record<string, unknown>>(
    store.db,
    sql`
    select campaign_id, bucket::text, step, variant, sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, interested, unsubscribed
    from engagement_buckets
    where (sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, interested, unsubscribed) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    order by campaign_id, bucket, step, variant`,
  );
  const hours = await queryRows<Record<string, unknown>>(
    store.db,
    sql`
    select campaign_id, hour::text, step, variant, sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, replied_human, interested, unsubscribed
    from engagement_hours
    where (sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, replied_human, interested, unsubscribed) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    order by campaign_id, hour, step, variant`,
  );
  // Every hour holds the sum of its four 15-minute buckets, whatever the order of the writes.
  const fromQuarters = await queryRows<Record<string, unknown>>(
    store.db,
    sql`
    select campaign_id, date_bin('1 hour', bucket, timestamptz '2000-01-01')::text as hour, step, variant, sum(sent)::int as sent, sum(bounced)::int as bounced,
      sum(opened)::int as opened, sum(opened_any)::int as opened_any, sum(clicked)::int as clicked, sum(clicked_any)::int as clicked_any, sum(replied)::int as replied,
      sum(replied_any)::int as replied_any, sum(replied_human)::int as replied_human, sum(interested)::int as interested, sum(unsubscribed)::int as unsubscribed
    from engagement_buckets group by 1, 2, 3, 4
    having (sum(sent), sum(bounced), sum(opened), sum(opened_any), sum(clicked), sum(clicked_any), sum(replied), sum(replied_any), sum(replied_human), sum(interested), sum(unsubscribed)) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    order by 1, 2, 3, 4`,
  );
  expect(hours).toEqual(fromQuarters);
  return { facts, buckets, hours };
}

/** The rollups after incremental writes must equal a rebuild from scratch. */
async function expectEqualToRebuild(store: Store) {
  const incremental = await snapshot(store);
  await rebuildEngagementRollups(store.db);
  expect(incremental).toEqual(await snapshot(store));
  return incremental;
}

describe.each(STORE_KINDS)("engagement rollups on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStoreWith(kind, { id: "conn1", vendor: "lemlist", label: "L" });
  });
  afterAll(async () => store?.cleanup());
  beforeEach(async () => {
    await store.db.execute(sql`delete from activities`);
    await store.db.execute(sql`delete from engagement_facts`);
    await store.db.execute(sql`delete from engagement_buckets`);
    await store.db.execute(sql`delete from engagement_hours`);
  });

  it("keeps one fact row per (campaign, person, step) with first times, bots apart", async () => {
    await write(store, [
      act("s1", "email_sent", "2026-03-01T09:00:00Z", { variant: "B" }),
      act("o1", "email_opened", "2026-03-01T09:00:40Z", { bot: true }),
      act("o2", "email_opened", "2026-03-01T10:20:00Z"),
      act("o3", "email_opened", "2026-03-02T08:00:00Z"),
      act("r1", "email_replied", "2026-03-02T09:00:00Z"),
      act("x1", "system", "2026-03-02T09:00:00Z"),
      act("s2", "email_sent", "2026-03-04T09:00:00Z", { step: 2 }),
    ]);
    const { facts, buckets } = await expectEqualToRebuild(store);
    expect(facts).toHaveLength(2);
    expect(facts[0]).toMatchObject({ step: 1, variant: "B", sent: ["2026-03-01T09:00:00"], bounced: [] });
    // Step 1: the machine open is the first open of any kind, the 10:20 one the first human one.
    const at = (iso: string) => buckets.filter((b) => new Date(String(b.bucket)).toISOString() === iso);
    expect(at("2026-03-01T09:00:00.000Z")).toEqual([
      expect.objectContaining({ step: 1, sent: 1, opened: 0, opened_any: 1 }),
    ]);
    expect(at("2026-03-01T10:15:00.000Z")).toEqual([expect.objectContaining({ opened: 1, opened_any: 0 })]);
    expect(at("2026-03-02T08:00:00.000Z")).toEqual([]); // a second open of the same (person, step) never counts again
    expect(at("2026-03-02T09:00:00.000Z")).toEqual([expect.objectContaining({ replied: 1, replied_any: 1 })]);
  });

  it("re-writing the same page changes nothing", async () => {
    const page = [
      act("s1", "email_sent", "2026-03-01T09:00:00Z"),
      act("o1", "email_opened", "2026-03-01T09:30:00Z"),
      act("b1", "email_bounced", "2026-03-01T09:01:00Z", { person: "p2" }),
    ];
    await write(store, page);
    const first = await snapshot(store);
    await write(store, page);
    await write(store, page.slice(1));
    expect(await snapshot(store)).toEqual(first);
  });

  it("follows an activity that moves to another person, step or campaign", async () => {
    await write(store, [
      act("s1", "email_sent", "2026-03-01T09:00:00Z"),
      act("o1", "email_opened", "2026-03-01T09:30:00Z"),
    ]);
    await write(store, [act("o1", "email_opened", "2026-03-01T09:30:00Z", { person: "p2" })]);
    await expectEqualToRebuild(store);
    await write(store, [act("o1", "email_opened", "2026-03-01T09:30:00Z", { person: "p2", step: 3 })]);
    await expectEqualToRebuild(store);
    await write(store, [
      act("o1", "email_opened", "2026-03-01T09:30:00Z", { campaign: "lemlist:cmp2" }),
      act("s1", "note", "2026-03-01T09:00:00Z"),
    ]);
    const { facts } = await expectEqualToRebuild(store);
    expect(facts.map((f) => [f.campaign_id, f.contact_key])).toEqual([["lemlist:cmp2", expect.stringMatching(/^c_/)]]);
  });

  it("counts an activity with no person once, on its own", async () => {
    await write(store, [
      act("s1", "email_sent", "2026-03-01T09:00:00Z", { person: null }),
      act("s2", "email_sent", "2026-03-01T09:05:00Z", { person: null, step: null }),
    ]);
    const { facts } = await expectEqualToRebuild(store);
    expect(facts.map((f) => [f.contact_key, f.step])).toEqual([
      ["activity:lemlist:s1", 1],
      ["activity:lemlist:s2", 0],
    ]);
  });

  it("stays equal to a rebuild under any sequence of overlapping, changing pages", async () => {
    // Every kind the rollups count, and two that never count.
    const kinds: ActivityKind[] = [...FACT_KINDS, "system", "note"];
    const version = fc.record({
      n: fc.integer({ min: 0, max: 11 }),
      kind: fc.constantFrom(...kinds),
      minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      person: fc.constantFrom("p1", "p2", "p3", null),
      campaign: fc.constantFrom("lemlist:cmpA", "lemlist:cmpB", null),
      step: fc.constantFrom(1, 2, null),
      variant: fc.constantFrom("A", "B", null),
      bot: fc.boolean(),
      state: fc.constantFrom(null, null, "scheduled" as const, "canceled" as const),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(version, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        async (pages) => {
          await store.db.execute(sql`delete from activities`);
          await store.db.execute(sql`delete from engagement_facts`);
          await store.db.execute(sql`delete from engagement_buckets`);
          await store.db.execute(sql`delete from engagement_hours`);
          await store.db.execute(sql`delete from engagement_hours`);
          for (const page of pages) {
            await write(
              store,
              page.map((v) =>
                act(`a${v.n}`, v.kind, new Date(Date.UTC(2026, 2, 1) + v.minute * 60_000).toISOString(), {
                  person: v.person,
                  campaign: v.campaign,
                  step: v.step,
                  variant: v.variant,
                  bot: v.bot,
                  state: v.state,
                }),
              ),
            );
          }
          const incremental = await snapshot(store);
          await rebuildEngagementRollups(store.db);
          expect(incremental).toEqual(await snapshot(store));
        },
      ),
      { numRuns: kind === "pglite" ? 25 : 40, seed: 8 },
    );
  });

  it("never counts a scheduled or canceled activity; one that happens counts at its new time", async () => {
    await write(store, [
      act("s1", "email_sent", "2026-03-05T09:00:00Z", { state: "scheduled" }),
      act("m1", "email_opened", "2026-03-01T09:00:00Z", { state: "canceled" }),
    ]);
    const none = await expectEqualToRebuild(store);
    expect(none.facts).toEqual([]);
    expect(none.buckets).toEqual([]);
    // Sent two days earlier than planned: it counts, in the bucket of its send time.
    await write(store, [act("s1", "email_sent", "2026-03-03T10:00:00Z")]);
    const { buckets } = await expectEqualToRebuild(store);
    expect(buckets).toEqual([expect.objectContaining({ sent: 1 })]);
    expect(new Date(String(buckets[0]!.bucket)).toISOString()).toBe("2026-03-03T10:00:00.000Z");
  });

  it("takes removed activities out of the rollups and their contact's last activity (deletions and a sweep)", async () => {
    await write(store, [
      act("s1", "email_sent", "2026-03-01T09:00:00Z"),
      act("o1", "email_opened", "2026-03-01T09:30:00Z"),
      act("r1", "email_replied", "2026-03-02T09:00:00Z"),
      act("u1", "email_sent", "2026-03-09T09:00:00Z", { state: "scheduled" }),
    ]);
    const last = async () =>
      (
        await queryRows<{ at: string | null }>(
          store.db,
          sql`select to_char(last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as at from contacts c
              join contact_identities i on i.contact_id = c.id where i.vendor_id = 'lea_p1'`,
        )
      )[0]!.at;
    expect(await last()).toBe("2026-03-02T09:00"); // the scheduled send is not the last activity
    await store.db.transaction((tx) =>
      removeRows(tx, "conn1", { activities: ["lemlist:r1", "lemlist:missing"], tasks: ["lemlist:t0"] }),
    );
    const { buckets } = await expectEqualToRebuild(store);
    expect(buckets.reduce((n, b) => n + Number(b.replied), 0)).toBe(0);
    expect(await last()).toBe("2026-03-01T09:30");
    // A sweep after a complete re-read that wrote only s1 again.
    const [{ at }] = (await queryRows<{ at: string }>(store.db, sql`select now()::text as at`)) as [{ at: string }];
    await write(store, [act("s1", "email_sent", "2026-03-01T09:00:00Z")]);
    const swept = await store.db.transaction((tx) => sweepActivities(tx, "conn1", at, null));
    expect(swept).toBe(2);
    const after = await expectEqualToRebuild(store);
    expect(after.buckets.reduce((n, b) => n + Number(b.opened), 0)).toBe(0);
    expect(await last()).toBe("2026-03-01T09:00");
    await store.db.transaction((tx) => removeRows(tx, "conn1", { activities: ["lemlist:s1"] }));
    expect(await last()).toBeNull();
    expect((await expectEqualToRebuild(store)).facts).toEqual([]);
  });

  it("the migration's backfill builds the same rollups from rows stored before it", async () => {
    await write(store, [
      act("s1", "email_sent", "2026-03-01T09:00:00Z", { variant: "A" }),
      act("o1", "email_opened", "2026-03-01T09:30:00Z", { bot: true }),
      act("r1", "email_replied", "2026-03-03T09:30:00Z", { person: null }),
    ]);
    const expected = await snapshot(store);
    await store.db.execute(sql`delete from engagement_facts`);
    await store.db.execute(sql`delete from engagement_buckets`);
    await store.db.execute(sql`delete from engagement_hours`);
    // The rollups' migrations in order: 0002 builds facts and buckets, 0011 starts the
    // people's-reply columns equal to the old ones, 0014 sums the buckets per hour.
    const statements = (file: string, match: RegExp) => {
      const text = fs.readFileSync(path.join(process.cwd(), "drizzle", file), "utf8");
      return text.split("--> statement-breakpoint").filter((s) => match.test(s));
    };
    const backfill = [
      ...statements("0002_engagement_rollups.sql", /insert into engagement_/),
      ...statements("0011_reply_class.sql", /^\s*UPDATE "engagement_/m),
      ...statements("0014_engagement_hours.sql", /INSERT INTO "engagement_hours"/),
    ];
    expect(backfill).toHaveLength(5);
    for (const statement of backfill) await store.db.execute(sql.raw(statement));
    expect(await snapshot(store)).toEqual(expected);
    expect(expected.facts.length).toBe(2);
  });

  it("drops a connection's rollups with the connection", async () => {
    await store.db
      .insert(t.connections)
      .values({ id: "conn2", vendor: "lemlist", label: "L2", keyCiphertext: "x", keyHint: "••••abcd" });
    await store.db.transaction((tx) =>
      writeBatch(tx, "conn2", "lemlist", {
        activities: [act("z1", "email_sent", "2026-03-01T09:00:00Z", { campaign: "lemlist:gone" })],
      }),
    );
    await store.db.execute(sql`delete from connections where id = 'conn2'`);
    const left = await queryRows<{ n: number }>(
      store.db,
      sql`select (select count(*) from engagement_facts where campaign_id = 'lemlist:gone')::int + (select count(*) from engagement_buckets where campaign_id = 'lemlist:gone')::int + (select count(*) from engagement_hours where campaign_id = 'lemlist:gone')::int as n`,
    );
    expect(left[0]!.n).toBe(0);
  });
});
