import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { EngagementCounts } from "@/lib/model/campaign";
import {
  ratesOf,
  replyRatesOf,
  ZERO_COUNTS,
  type BotsMode,
  type ReplyMode,
  type Engagement,
  type EngagementQuery,
  type SeriesPoint,
  type StepRow,
  type TopReply,
  type VariantRow,
} from "@/lib/model/engagement";
import { notFound } from "../../http/errors";
import { queryRows, type Db } from "../../store/db";
import { completenessOf } from "../completeness";
import { campaignRows, summaryOf } from "./campaign-rows";
import { bucketDays, inZone, instantsOf, resolveRange } from "./range";
import { bucketSource, definitionsFor, isoSql } from "./sums";

// One campaign's engagement: sums over the rollups' buckets (whole UTC hours or 15-minute
// UTC buckets kept by the sync, see lib/server/rollups/engagement.ts), grouped into days or
// ISO weeks of the requested zone with width_bucket over the zone's bucket boundaries.

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

    // One pass over the campaign's buckets in range (hourly where the zone's days start on
    // whole hours), summed per (zone bucket, step, variant); then the series, the steps, the
    // variants and the total from those few hundred groups in the same statement, so only
    // ~200 rows leave the database.
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
        from ${bucketSource([rangeStart!, ...bounds])} e
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

/**
 * The latest replies in range: people's first, then the rest; newest first within each. Two
 * reads, each walking the campaign's replies index (activities_campaign_replies_idx) newest
 * first and stopping at `limit`: one sort over every reply in range took 19 ms for a
 * 300 000-activity campaign, the walk well under one.
 */
async function latestReplies(
  db: Db,
  campaignId: string,
  start: string,
  end: string,
  bots: BotsMode,
  limit = 10,
): Promise<TopReply[]> {
  const read = (human: boolean, n: number) =>
    queryRows<TopReply>(
      db,
      sql`
      select a.id as "activityId", a.contact_id as "contactId", c.name, c.email, ${isoSql(sql`a.occurred_at`)} as "occurredAt",
        a.sequence_step as step, nullif(a.variant, '') as variant, a.subject, left(a.preview, 280) as preview,
        exists (select 1 from engagement_facts f where f.campaign_id = a.campaign_id and f.contact_key = a.contact_id and f.interested_at is not null) as interested,
        a.reply_class as "replyClass"
      from activities a left join contacts c on c.id = a.contact_id
      where a.campaign_id = ${campaignId} and a.kind = 'email_replied' and a.occurred_at >= ${start}::timestamptz and a.occurred_at < ${end}::timestamptz
        and (coalesce(a.reply_class, 'human') = 'human') = ${human}
        ${bots === "exclude" ? sql`and not a.bot` : sql``}
      order by a.occurred_at desc nulls last, a.id desc nulls last
      limit ${n}`,
    );
  const people = await read(true, limit);
  return people.length < limit ? [...people, ...(await read(false, limit - people.length))] : people;
}
