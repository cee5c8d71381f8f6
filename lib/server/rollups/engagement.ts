import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../store/db";

/**
 * Engagement rollups (schema: engagement_facts, engagement_buckets, engagement_hours).
 *
 * Why: one campaign can hold hundreds of thousands of activities, and "opened" is a
 * DISTINCT (person, step) count — recounting raw rows per chart takes seconds. So the sync
 * keeps, per (campaign, person, step), the facts the definitions need (every send and
 * bounce time, the first open / click / reply with and without machine events, the first
 * interested and unsubscribed), and per 15-minute UTC bucket the sum of those facts. Every
 * zone's UTC offset is a multiple of 15 minutes, so a day or ISO week in any zone is an
 * exact union of buckets, and the read side sums a few thousand rows instead of counting
 * raw events. The same sums per whole UTC hour (engagement_hours) serve the zones whose
 * days start on a whole hour — nearly all of them — with about a third of the rows.
 *
 * Exactness: the facts of a (campaign, person) are recomputed from `activities` whenever
 * one of that person's activities in the campaign is written, and the buckets change by
 * exactly (new facts − old facts). Re-reading a page, overlapping windows, an activity that
 * moves to another person, step or campaign: all leave the rollups equal to a rebuild from
 * scratch (tests check this). A per-campaign transaction lock serialises two writers of the
 * same campaign on PostgreSQL.
 */

/**
 * The activity kinds the engagement definitions read; everything else (incl. `system`) never
 * counts, and neither does an activity with a `state` (scheduled or canceled: it has not happened).
 */
export const FACT_KINDS = [
  "email_sent",
  "email_bounced",
  "email_opened",
  "email_clicked",
  "email_replied",
  "interested",
  "unsubscribed",
] as const;

/** A (campaign, person) whose facts need recomputing. `key` is the contact id or `activity:<id>`. */
export interface EngagementPair {
  campaignId: string;
  key: string;
}

type Executor = Pick<Db, "execute">;

const FACT_KIND_LIST = sql.raw(FACT_KINDS.map((k) => `'${k}'`).join(", "));
const FACT_COLUMN_NAMES = [
  "campaign_id",
  "contact_key",
  "step",
  "connection_id",
  "variant",
  "sent_at",
  "bounced_at",
  "opened_at",
  "opened_any_at",
  "clicked_at",
  "clicked_any_at",
  "replied_at",
  "replied_any_at",
  "interested_at",
  "unsubscribed_at",
  "replied_human_at",
] as const;
const FACT_COLUMNS = sql.raw(FACT_COLUMN_NAMES.join(", "));
/** The counter columns of engagement_buckets; the order is the `e.k` numbering below. */
export const COUNT_COLUMNS = [
  "sent",
  "bounced",
  "opened",
  "opened_any",
  "clicked",
  "clicked_any",
  "replied",
  "replied_any",
  "interested",
  "unsubscribed",
  "replied_human",
] as const;

/** The contact key of an activity row (SQL), for an alias with contact_id and id. */
const contactKey = (a: string) => sql.raw(`coalesce(${a}.contact_id, 'activity:' || ${a}.id)`);

/** Facts grouped from activity rows `a` (a relation with id, campaign_id, contact_id, sequence_step, variant, kind, bot, occurred_at, connection_id). */
function factsFrom(source: SQL): SQL {
  return sql`
    select a.campaign_id, ${contactKey("a")} as contact_key, coalesce(a.sequence_step, 0) as step,
      min(a.connection_id) as connection_id,
      coalesce(min(nullif(a.variant, '')), '') as variant,
      coalesce(array_agg(a.occurred_at order by a.occurred_at) filter (where a.kind = 'email_sent'), '{}') as sent_at,
      coalesce(array_agg(a.occurred_at order by a.occurred_at) filter (where a.kind = 'email_bounced'), '{}') as bounced_at,
      min(a.occurred_at) filter (where a.kind = 'email_opened' and not a.bot) as opened_at,
      min(a.occurred_at) filter (where a.kind = 'email_opened') as opened_any_at,
      min(a.occurred_at) filter (where a.kind = 'email_clicked' and not a.bot) as clicked_at,
      min(a.occurred_at) filter (where a.kind = 'email_clicked') as clicked_any_at,
      min(a.occurred_at) filter (where a.kind = 'email_replied' and not a.bot) as replied_at,
      min(a.occurred_at) filter (where a.kind = 'email_replied') as replied_any_at,
      min(a.occurred_at) filter (where a.kind = 'interested') as interested_at,
      min(a.occurred_at) filter (where a.kind = 'unsubscribed') as unsubscribed_at,
      min(a.occurred_at) filter (where a.kind = 'email_replied' and not a.bot and coalesce(a.reply_class, 'human') = 'human') as replied_human_at
    from (${source}) a
    group by a.campaign_id, ${contactKey("a")}, coalesce(a.sequence_step, 0)`;
}

/**
 * Bucket counts contributed by the facts rows of relation `f`, times `sign` (+1 to add, −1
 * to take away). Sends and bounces count every event; the rest count the pair once, in the
 * bucket of its first such event.
 */
function contributionFrom(f: string, sign: 1 | -1): SQL {
  const counts = COUNT_COLUMNS.map((c, i) => `(${sign} * count(*) filter (where e.k = ${i + 1}))::int as ${c}`).join(
    ", ",
  );
  return sql.raw(`
    select ${f}.campaign_id, date_bin('15 minutes', e.t, timestamptz '2000-01-01T00:00:00Z') as bucket, ${f}.step, ${f}.variant,
      min(${f}.connection_id) as connection_id, ${counts}
    from ${f} cross join lateral (
      select u.t, 1 from unnest(${f}.sent_at) as u(t)
      union all select u.t, 2 from unnest(${f}.bounced_at) as u(t)
      union all values (${f}.opened_at, 3), (${f}.opened_any_at, 4), (${f}.clicked_at, 5), (${f}.clicked_any_at, 6),
        (${f}.replied_at, 7), (${f}.replied_any_at, 8), (${f}.interested_at, 9), (${f}.unsubscribed_at, 10),
        (${f}.replied_human_at, 11)
    ) as e(t, k)
    where e.t is not null
    group by ${f}.campaign_id, 2, ${f}.step, ${f}.variant`);
}

const ADD_COUNTS = COUNT_COLUMNS.map((c) => `${c} = b.${c} + excluded.${c}`).join(", ");
const COUNT_LIST = COUNT_COLUMNS.join(", ");

/** 15-minute rows of relation `q` summed per whole UTC hour. */
const hourlyFrom = (q: string) =>
  sql.raw(`select campaign_id, date_bin('1 hour', bucket, timestamptz '2000-01-01T00:00:00Z'), step, variant, min(connection_id),
      ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(", ")}
    from ${q} group by 1, 2, 3, 4`);

/**
 * Adds the contribution rows `c` (relation `c`, shaped as `contributionFrom` returns them)
 * to both bucket tables: the 15-minute rows as they are, and summed per whole UTC hour into
 * engagement_hours. As CTEs of the caller's statement, both inserts see the same `c`.
 */
function addContribution(c: SQL): SQL {
  return sql`, c as (${c}),
    h as (
      insert into engagement_hours as b (campaign_id, hour, step, variant, connection_id, ${sql.raw(COUNT_LIST)})
      ${hourlyFrom("c")}
      on conflict (campaign_id, hour, step, variant) do update set ${sql.raw(ADD_COUNTS)})
    insert into engagement_buckets as b (campaign_id, bucket, step, variant, connection_id, ${sql.raw(COUNT_LIST)})
    select * from c
    on conflict (campaign_id, bucket, step, variant) do update set ${sql.raw(ADD_COUNTS)}`;
}

/** Every non-key facts column taken from the row being upserted. */
const FACT_UPDATE = sql.raw(
  FACT_COLUMN_NAMES.slice(3)
    .map((c) => `${c} = excluded.${c}`)
    .join(", "),
);

/**
 * The bucket rows `fresh` adds less those `stale` takes away, summed per bucket; buckets
 * whose counts do not change are left out.
 */
function netContribution(): SQL {
  const sums = COUNT_COLUMNS.map((c) => `sum(${c})::int as ${c}`).join(", ");
  const changed = `(${COUNT_COLUMNS.map((c) => `sum(${c})`).join(", ")}) <> (${COUNT_COLUMNS.map(() => "0").join(", ")})`;
  return sql`
    select campaign_id, bucket, step, variant, min(connection_id) as connection_id, ${sql.raw(sums)}
    from (${contributionFrom("stale", -1)} union all ${contributionFrom("fresh", 1)}) x
    group by campaign_id, bucket, step, variant
    having ${sql.raw(changed)}`;
}

const ACTIVITY_COLUMNS =
  "a.id, a.campaign_id, a.contact_id, a.sequence_step, a.variant, a.kind, a.bot, a.occurred_at, a.connection_id, a.reply_class";

/**
 * The (campaign, person) pairs a write of these activity rows changes: where each row goes
 * and where it was (read from the store BEFORE the upsert). A row stored already with the
 * same campaign, person, kind, step, variant, machine flag and time changes no fact, so
 * re-reading an overlapping window costs the rollups nothing.
 */
export async function engagementPairsFor(
  tx: Executor,
  rows: {
    id: string;
    campaignId: string | null;
    contactId: string | null;
    kind: string;
    sequenceStep: number | null;
    variant: string | null;
    bot: boolean;
    occurredAt: string;
    state?: string | null;
    replyClass?: string | null;
  }[],
): Promise<EngagementPair[]> {
  if (rows.length === 0) return [];
  const kinds = new Set<string>(FACT_KINDS);
  const ids = JSON.stringify(rows.map((r) => r.id));
  const result = (await tx.execute(sql`
    select a.id, a.campaign_id as "campaignId", ${contactKey("a")} as key, a.kind, a.sequence_step as step, a.variant, a.bot,
      a.state, a.reply_class as "replyClass", extract(epoch from a.occurred_at)::float8 * 1000 as "atMs"
    from activities a
    where a.id in (select value from json_array_elements_text(${ids}::json))`)) as unknown as {
    rows: {
      id: string;
      campaignId: string | null;
      key: string;
      kind: string;
      step: number | null;
      variant: string | null;
      bot: boolean;
      state: string | null;
      replyClass: string | null;
      atMs: number;
    }[];
  };
  const before = new Map(result.rows.map((r) => [r.id, r]));
  const pairs: EngagementPair[] = [];
  for (const r of rows) {
    const key = r.contactId ?? `activity:${r.id}`;
    const old = before.get(r.id);
    const counts = !!r.campaignId && kinds.has(r.kind) && !r.state;
    const counted = !!old?.campaignId && kinds.has(old.kind) && !old.state;
    if (
      old &&
      old.campaignId === r.campaignId &&
      old.key === key &&
      old.kind === r.kind &&
      old.step === r.sequenceStep &&
      (old.variant ?? null) === (r.variant ?? null) &&
      old.bot === r.bot &&
      (old.state ?? null) === (r.state ?? null) &&
      (old.replyClass ?? null) === (r.replyClass ?? null) &&
      Math.abs(Number(old.atMs) - Date.parse(r.occurredAt)) < 0.001
    ) {
      continue; // nothing the facts read has changed
    }
    if (counts) pairs.push({ campaignId: r.campaignId!, key });
    if (counted) pairs.push({ campaignId: old.campaignId!, key: old.key });
  }
  return pairs;
}

/**
 * Recomputes the facts of these (campaign, person) pairs from `activities` and moves the
 * bucket counts by the exact difference. Call inside the transaction that wrote the
 * activities, after writing them.
 */
export async function refreshEngagementRollups(tx: Executor, pairs: EngagementPair[]): Promise<void> {
  const unique = [...new Map(pairs.map((p) => [`${p.campaignId}\u0000${p.key}`, p])).values()];
  if (unique.length === 0) return;
  // One writer per campaign at a time (PostgreSQL; PGlite has one connection): taken in a
  // fixed order so two transactions can never wait on each other.
  for (const campaignId of [...new Set(unique.map((p) => p.campaignId))].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`engagement:${campaignId}`}, 0))`);
  }
  for (let i = 0; i < unique.length; i += 1000) {
    const json = JSON.stringify(unique.slice(i, i + 1000).map((p) => ({ c: p.campaignId, k: p.key })));
    const k = sql`select * from json_to_recordset(${json}::json) as k(c text, k text)`;
    // One statement: the pairs' facts recomputed from `activities` (`fresh`) against the ones
    // stored (`stale`, read before any change: every CTE sees the statement's snapshot); the
    // facts upserted and those gone deleted (disjoint rows); and both bucket tables moved by
    // the NET difference, so a re-read pair whose sends stay in their buckets (most of them:
    // a person's later events touch the pair again) writes only the buckets that change.
    //
    // `is not distinct from` (k.c is never null, so it means `=`) keeps the campaign out of
    // the index choice: during a first sync the planner has no statistics and ANDed the
    // campaign index (every row of the campaign) with the person's, per pair — 1.5 s per
    // 1 000 pairs at 300 k rows instead of 0.1 s through the person's index alone.
    await tx.execute(sql`
      with k as (${k}),
      src as (
        select ${sql.raw(ACTIVITY_COLUMNS)} from k join activities a on a.contact_id = k.k and a.campaign_id is not distinct from k.c
        where k.k not like 'activity:%' and a.kind in (${FACT_KIND_LIST}) and a.state is null
        union all
        select ${sql.raw(ACTIVITY_COLUMNS)} from k join activities a on a.id = substr(k.k, 10)
        where k.k like 'activity:%' and a.contact_id is null and a.campaign_id = k.c and a.kind in (${FACT_KIND_LIST}) and a.state is null
      ),
      fresh as (${factsFrom(sql`select * from src`)}),
      stale as (select d.* from engagement_facts d join k on d.campaign_id = k.c and d.contact_key = k.k),
      gone as (
        delete from engagement_facts d using stale s
        where d.campaign_id = s.campaign_id and d.contact_key = s.contact_key and d.step = s.step
          and not exists (select 1 from fresh f where f.campaign_id = s.campaign_id and f.contact_key = s.contact_key and f.step = s.step)),
      kept as (
        insert into engagement_facts (${FACT_COLUMNS}) select * from fresh
        on conflict (campaign_id, contact_key, step) do update set ${FACT_UPDATE})
      ${addContribution(netContribution())}`);
  }
}

/** The statements that rebuild the rollups from scratch (all campaigns, or the given ones). */
export function rebuildStatements(campaignIds?: string[]): SQL[] {
  const only = campaignIds
    ? sql`and campaign_id in (select value from json_array_elements_text(${JSON.stringify(campaignIds)}::json))`
    : sql``;
  return [
    sql`delete from engagement_hours where true ${only}`,
    sql`delete from engagement_buckets where true ${only}`,
    sql`delete from engagement_facts where true ${only}`,
    sql`insert into engagement_facts (${FACT_COLUMNS}) ${factsFrom(
      sql`select ${sql.raw(ACTIVITY_COLUMNS)} from activities a where a.campaign_id is not null and a.kind in (${FACT_KIND_LIST}) and a.state is null ${only}`,
    )}`,
    sql`with f as (select * from engagement_facts where true ${only})
      insert into engagement_buckets (campaign_id, bucket, step, variant, connection_id, ${sql.raw(COUNT_LIST)}) ${contributionFrom("f", 1)}`,
    sql`with q as (select * from engagement_buckets where true ${only})
      insert into engagement_hours (campaign_id, hour, step, variant, connection_id, ${sql.raw(COUNT_LIST)}) ${hourlyFrom("q")}`,
  ];
}

/** Rebuilds the rollups from `activities` (the backfill; also a repair tool). */
export async function rebuildEngagementRollups(db: Db, campaignIds?: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of rebuildStatements(campaignIds)) await tx.execute(statement);
  });
}
