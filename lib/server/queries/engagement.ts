import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Campaign, EngagementCounts } from "@/lib/model/campaign";
import {
  addCalendarDays,
  calendarDayIn,
  ENGAGEMENT_DEFINITIONS,
  engagementQuerySchema,
  engagementSchema,
  isoWeekStart,
  ratesOf,
  REPLY_FORMULAS,
  replyRatesOf,
  ZERO_COUNTS,
  type BotsMode,
  type ReplyMode,
  type CampaignSummary,
  type Compare,
  type CompareQuery,
  type Engagement,
  type EngagementQuery,
  type SeriesPoint,
  type StepRow,
  type TopReply,
  type VariantRow,
} from "@/lib/model/engagement";
import type { Vendor } from "@/lib/model/vendor";
import { badRequest, notFound } from "../http/errors";
import { SnapshotCache } from "../cache/snapshot-cache";
import { queryRows, type Db } from "../store/db";
import { completenessOf } from "./completeness";

// Read side of campaign engagement: sums over engagement_buckets (15-minute UTC buckets
// kept by the sync, see lib/server/rollups/engagement.ts), grouped into days or ISO weeks
// of the requested zone with width_bucket over the zone's bucket boundaries.

/** Timestamps leave SQL as ISO strings, so both drivers answer alike. */
export const isoSql = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The sums of one group of bucket rows, as SQL select items. */
export const BUCKET_SUMS = sql.raw(
  [
    "sent",
    "bounced",
    "opened",
    "opened_any",
    "clicked",
    "clicked_any",
    "replied",
    "replied_any",
    "replied_human",
    "interested",
    "unsubscribed",
  ]
    .map((c) => `coalesce(sum(${c}), 0)::int as ${c}`)
    .join(", "),
);

export interface BucketSums {
  sent: number;
  bounced: number;
  opened: number;
  opened_any: number;
  clicked: number;
  clicked_any: number;
  replied: number;
  replied_any: number;
  replied_human: number;
  interested: number;
  unsubscribed: number;
}

/**
 * Sums → the counts of the API, with or without machine events; `replied` counts people's
 * replies only unless `replies` is `all` (issue 18).
 */
export function countsOf(s: BucketSums | undefined, bots: BotsMode, replies: ReplyMode = "human"): EngagementCounts {
  if (!s) return { ...ZERO_COUNTS };
  const any = bots === "include";
  return {
    sent: s.sent,
    delivered: Math.max(0, s.sent - s.bounced),
    opened: any ? s.opened_any : s.opened,
    clicked: any ? s.clicked_any : s.clicked,
    replied: replies === "human" ? s.replied_human : any ? s.replied_any : s.replied,
    bounced: s.bounced,
    unsubscribed: s.unsubscribed,
    interested: s.interested,
  };
}

interface CampaignRow {
  id: string;
  connectionId: string;
  vendor: Vendor;
  vendorId: string;
  name: string;
  status: Campaign["status"];
  vendorStatus: string | null;
  createdAt: string | null;
  url: string | null;
  vendorReported: Record<string, number | null> | null;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}

/** Campaigns with their first and last activity (two index probes each on (campaign_id, occurred_at)). */
async function campaignRows(db: Db, ids: string[]): Promise<CampaignRow[]> {
  if (ids.length === 0) return [];
  return queryRows<CampaignRow>(
    db,
    sql`
    select c.id, c.connection_id as "connectionId", c.vendor, c.vendor_id as "vendorId", c.name, c.status, c.vendor_status as "vendorStatus",
      ${isoSql(sql`c.created_at`)} as "createdAt", c.url, c.vendor_reported as "vendorReported",
      ${isoSql(sql`(select min(a.occurred_at) from activities a where a.campaign_id = c.id and a.state is null)`)} as "firstActivityAt",
      ${isoSql(sql`(select max(a.occurred_at) from activities a where a.campaign_id = c.id and a.state is null)`)} as "lastActivityAt"
    from campaigns c
    where c.id in (select value from json_array_elements_text(${JSON.stringify(ids)}::json))`,
  );
}

function summaryOf(r: CampaignRow): CampaignSummary {
  return {
    id: r.id,
    vendor: r.vendor,
    vendorId: r.vendorId,
    name: r.name,
    status: r.status,
    vendorStatus: r.vendorStatus,
    createdAt: r.createdAt,
    url: r.url,
    firstActivityAt: r.firstActivityAt,
    lastActivityAt: r.lastActivityAt,
  };
}

/** The campaign header of a campaign page; null when unknown. */
export async function getCampaignSummary(
  db: Db,
  id: string,
): Promise<(CampaignSummary & { vendorReported: Record<string, number | null> | null }) | null> {
  const [row] = await campaignRows(db, [id]);
  return row ? { ...summaryOf(row), vendorReported: row.vendorReported } : null;
}

/** PostgreSQL's zone database can lack a zone the JS runtime knows: say so as a 400, not a 500. */
async function inZone<T>(tz: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (/time zone .* not recognized/i.test(String((err as { message?: unknown })?.message ?? err)))
      throw badRequest("tz", `the database does not know the time zone ${tz}`);
    throw err;
  }
}

const MAX_BUCKETS = 2000;

/** The zone's bucket boundaries (instants) from `startDay` to the day after `toDay`, stepping by the interval. */
function bucketDays(fromDay: string, toDay: string, interval: "day" | "week"): string[] {
  const first = interval === "week" ? isoWeekStart(fromDay) : fromDay;
  const stepDays = interval === "week" ? 7 : 1;
  const end = addCalendarDays(toDay, 1);
  const days: string[] = [];
  for (let d = first; d < end; d = addCalendarDays(d, stepDays)) {
    days.push(d);
    if (days.length > MAX_BUCKETS)
      throw badRequest(
        "from",
        `the range holds more than ${MAX_BUCKETS} ${interval}s; choose a shorter range or interval=week`,
      );
  }
  days.push(end);
  return days;
}

/** Local midnights → instants, by PostgreSQL's zone rules (the same ones every bucket query uses). */
async function instantsOf(db: Db, days: string[], tz: string): Promise<string[]> {
  const rows = await queryRows<{ at: string }>(
    db,
    sql`
    select ${isoSql(sql`(d::timestamp at time zone ${tz})`)} as at
    from unnest(${`{${days.join(",")}}`}::date[]) with ordinality as u(d, n) order by n`,
  );
  return rows.map((r) => r.at);
}

interface Range {
  fromDay: string;
  toDay: string;
}

/** Resolves `from`/`to` to calendar days in tz, defaulting to the campaign's first and last activity (or today). */
function resolveRange(
  q: { from?: string; to?: string; tz: string },
  first: string | null,
  last: string | null,
  createdAt: string | null,
): Range {
  const today = calendarDayIn(Date.now(), q.tz);
  let fromDay = q.from
    ? calendarDayIn(q.from, q.tz)
    : first
      ? calendarDayIn(first, q.tz)
      : createdAt
        ? calendarDayIn(createdAt, q.tz)
        : today;
  let toDay = q.to ? calendarDayIn(q.to, q.tz) : last ? calendarDayIn(last, q.tz) : today;
  // Only one end given and it lies beyond the campaign's other end: show that one day.
  if (fromDay > toDay) {
    if (!q.from) fromDay = toDay;
    else if (!q.to) toDay = fromDay;
  }
  return { fromDay, toDay };
}

/**
 * The seven sums the API reports, with machine opens, clicks and replies in or out, and
 * people's replies or all of them (plus both reply counts, for the toggle's two rates).
 */
function chosenSums(bots: BotsMode, replies: ReplyMode): SQL {
  const any = bots === "include" ? "_any" : "";
  const all = `replied${any}`;
  return sql.raw(
    `sum(sent) as sent, sum(bounced) as bounced, sum(opened${any}) as opened, sum(clicked${any}) as clicked, sum(${replies === "human" ? "replied_human" : all}) as replied, sum(interested) as interested, sum(unsubscribed) as unsubscribed, sum(replied_human) as replied_human, sum(${all}) as replied_all`,
  );
}

type ChosenSums = Omit<EngagementCounts, "delivered">;
const countsFrom = (s: ChosenSums): EngagementCounts => ({ ...s, delivered: Math.max(0, s.sent - s.bounced) });

/** `GET /campaigns/{id}/engagement`. Throws 404 for an unknown campaign. */
export async function campaignEngagement(db: Db, id: string, q: EngagementQuery): Promise<Engagement> {
  const [row] = await campaignRows(db, [id]);
  if (!row) throw notFound(`campaign ${JSON.stringify(id)}`);
  const { fromDay, toDay } = resolveRange(q, row.firstActivityAt, row.lastActivityAt, row.createdAt);

  return inZone(q.tz, async () => {
    const days = bucketDays(fromDay, toDay, q.interval);
    const [rangeStart, ...bounds] = await instantsOf(db, [fromDay, ...days], q.tz);
    const rangeEnd = bounds.at(-1)!;

    // One pass over the campaign's 15-minute buckets in range, summed per (zone bucket,
    // step, variant); then the series, the steps, the variants and the total from those
    // few hundred groups in the same statement, so only ~200 rows leave the database.
    const rows = await queryRows<
      Record<keyof ChosenSums | "replied_human" | "replied_all", string | number> & {
        gi: number;
        gs: number;
        gv: number;
        i: number | null;
        step: number | null;
        variant: string | null;
      }
    >(
      db,
      sql`
      with l as (
        select width_bucket(e.bucket, ${`{${bounds.join(",")}}`}::timestamptz[]) as i, e.step, e.variant, ${chosenSums(q.bots, q.replies)}
        from engagement_buckets e
        where e.campaign_id = ${id} and e.bucket >= ${rangeStart}::timestamptz and e.bucket < ${rangeEnd}::timestamptz
        group by 1, 2, 3)
      select grouping(i) as gi, grouping(step) as gs, grouping(variant) as gv, i, step, variant,
        ${sql.raw(["sent", "bounced", "opened", "clicked", "replied", "interested", "unsubscribed", "replied_human", "replied_all"].map((c) => `sum(${c})::int as ${c}`).join(", "))}
      from l
      group by grouping sets ((i), (step), (variant), ())`,
    );

    const series: SeriesPoint[] = bounds.slice(0, -1).map((bucket) => ({ bucket, ...ZERO_COUNTS }));
    const byStep: StepRow[] = [];
    const byVariant: VariantRow[] = [];
    let totals: EngagementCounts = { ...ZERO_COUNTS };
    let replyRates = replyRatesOf(0, 0, 0);
    for (const r of rows) {
      const c = countsFrom({
        sent: Number(r.sent),
        bounced: Number(r.bounced),
        opened: Number(r.opened),
        clicked: Number(r.clicked),
        replied: Number(r.replied),
        interested: Number(r.interested),
        unsubscribed: Number(r.unsubscribed),
      });
      if (r.gi === 0 && r.i !== null) {
        const point = series[r.i - 1];
        if (point) Object.assign(point, c);
      } else if (r.gs === 0) {
        if (r.step !== null && r.step > 0) byStep.push({ step: r.step, ...c, rates: ratesOf(c) });
      } else if (r.gv === 0) {
        if (r.variant) byVariant.push({ variant: r.variant, ...c, rates: ratesOf(c) });
      } else {
        totals = c;
        replyRates = replyRatesOf(Number(r.replied_human), Number(r.replied_all), c.delivered);
      }
    }
    byStep.sort((a, b) => a.step - b.step);
    byVariant.sort((a, b) => a.variant.localeCompare(b.variant));
    const topReplies = await latestReplies(db, id, rangeStart!, rangeEnd, q.bots);
    const completeness = (await completenessOf(db, [{ ...row, sent: totals.sent }], { whole: !q.from && !q.to })).get(
      id,
    )!;

    return {
      campaign: summaryOf(row),
      interval: q.interval,
      tz: q.tz,
      bots: q.bots,
      replies: q.replies,
      replyRates,
      completeness,
      from: fromDay,
      to: toDay,
      series,
      byStep,
      byVariant,
      totals,
      rates: ratesOf(totals),
      definitions: definitionsFor(q.replies),
      vendorReported: row.vendorReported ?? null,
      topReplies,
    };
  });
}

/** The definitions with the reply rate's formula for the chosen replies. */
function definitionsFor(replies: ReplyMode): Record<string, string> {
  const who = REPLY_FORMULAS[replies].replace(/ \/ delivered$/, "");
  return { ...ENGAGEMENT_DEFINITIONS, replied: `people × steps with at least one reply; counted: ${who}` };
}

/** The latest replies in range: people's first, then the rest; newest first within each. */
async function latestReplies(
  db: Db,
  campaignId: string,
  start: string,
  end: string,
  bots: BotsMode,
  limit = 10,
): Promise<TopReply[]> {
  return queryRows<TopReply>(
    db,
    sql`
    select a.id as "activityId", a.contact_id as "contactId", c.name, c.email, ${isoSql(sql`a.occurred_at`)} as "occurredAt",
      a.sequence_step as step, nullif(a.variant, '') as variant, a.subject, left(a.preview, 280) as preview,
      exists (select 1 from engagement_facts f where f.campaign_id = a.campaign_id and f.contact_key = a.contact_id and f.interested_at is not null) as interested,
      a.reply_class as "replyClass"
    from activities a left join contacts c on c.id = a.contact_id
    where a.campaign_id = ${campaignId} and a.kind = 'email_replied' and a.occurred_at >= ${start}::timestamptz and a.occurred_at < ${end}::timestamptz
      ${bots === "exclude" ? sql`and not a.bot` : sql``}
    order by coalesce(a.reply_class, 'human') <> 'human', a.occurred_at desc, a.id desc
    limit ${limit}`,
  );
}

/** `GET /campaigns/compare`: totals and rates side by side. Throws 404 naming unknown ids. */
export async function compareCampaigns(db: Db, q: CompareQuery): Promise<Compare> {
  const rows = await campaignRows(db, q.ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Unknown or deleted ids (an old shared link) are named in `notFound`; the rest are
  // compared. Only when none is known is it a 404.
  const unknown = q.ids.filter((id) => !byId.has(id));
  const known = q.ids.filter((id) => byId.has(id));
  if (!known.length)
    throw notFound(`campaign${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => JSON.stringify(u)).join(", ")}`);

  return inZone(q.tz, async () => {
    let range = sql``;
    let from: string | null = null;
    let to: string | null = null;
    if (q.from || q.to) {
      const firsts = rows
        .map((r) => r.firstActivityAt)
        .filter((x): x is string => !!x)
        .sort();
      const lasts = rows
        .map((r) => r.lastActivityAt)
        .filter((x): x is string => !!x)
        .sort();
      ({ fromDay: from, toDay: to } = resolveRange(q, firsts[0] ?? null, lasts.at(-1) ?? null, null));
      const [start, end] = await instantsOf(db, [from, addCalendarDays(to, 1)], q.tz);
      range = sql`and e.bucket >= ${start}::timestamptz and e.bucket < ${end}::timestamptz`;
    }
    const sums = await queryRows<BucketSums & { campaignId: string }>(
      db,
      sql`
      select e.campaign_id as "campaignId", ${BUCKET_SUMS}
      from engagement_buckets e
      where e.campaign_id in (select value from json_array_elements_text(${JSON.stringify(known)}::json)) ${range}
      group by e.campaign_id`,
    );
    const sumsById = new Map(sums.map((s) => [s.campaignId, s]));
    const completeness = await completenessOf(
      db,
      known.map((id) => ({ ...byId.get(id)!, sent: countsOf(sumsById.get(id), q.bots).sent })),
      { whole: !q.from && !q.to },
    );
    return {
      from,
      to,
      tz: q.tz,
      bots: q.bots,
      replies: q.replies,
      notFound: unknown,
      definitions: definitionsFor(q.replies),
      data: known.map((id) => {
        const r = byId.get(id)!;
        const totals = countsOf(sumsById.get(id), q.bots, q.replies);
        return {
          campaign: {
            id: r.id,
            vendor: r.vendor,
            name: r.name,
            status: r.status,
            firstActivityAt: r.firstActivityAt,
            lastActivityAt: r.lastActivityAt,
          },
          totals,
          rates: ratesOf(totals),
          vendorReported: r.vendorReported ?? null,
          completeness: completeness.get(id)!,
        };
      }),
    };
  });
}

const engagementCache = new SnapshotCache<Engagement>(200);

/**
 * `campaignEngagement` through the snapshot cache: exact (keyed by the store's data
 * version), and fifty viewers of one campaign cost one computation. The key holds the
 * 15-minute slot too, because a range left open ends "today" in `tz`.
 */
export function cachedCampaignEngagement(db: Db, id: string, q: EngagementQuery): Promise<Engagement> {
  const slot = Math.floor(Date.now() / 900_000);
  return engagementCache.get(db, JSON.stringify([id, q, slot]), () => campaignEngagement(db, id, q));
}

/**
 * The engagement a campaign page shows first, for the query its URL holds (the zone from
 * the URL, else `viewerTz`, else UTC), with the request the page's client would send for
 * it; null when the URL's query is not one the API accepts (the client then says why).
 */
export async function initialEngagement(
  db: Db,
  id: string,
  search: Record<string, string | string[] | undefined>,
  viewerTz: string | null,
): Promise<{
  request: {
    from: string | null;
    to: string | null;
    tz: string;
    interval: EngagementQuery["interval"];
    bots: BotsMode;
    replies: ReplyMode;
  };
  data: Engagement;
} | null> {
  const one = (k: string) => {
    const v = search[k];
    return (Array.isArray(v) ? v[0] : v) || null;
  };
  const raw = {
    from: one("from"),
    to: one("to"),
    tz: one("tz") ?? viewerTz ?? "UTC",
    interval: one("interval"),
    bots: one("bots"),
    replies: one("replies"),
  };
  const parsed = engagementQuerySchema.safeParse(raw);
  if (!parsed.success) return null;
  const data = engagementSchema.parse(await cachedCampaignEngagement(db, id, parsed.data));
  return {
    request: {
      from: raw.from,
      to: raw.to,
      tz: raw.tz,
      interval: parsed.data.interval,
      bots: parsed.data.bots,
      replies: parsed.data.replies,
    },
    data,
  };
}
