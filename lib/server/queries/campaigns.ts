import "server-only";
import { sql } from "drizzle-orm";
import type { Campaign } from "@/lib/model/campaign";
import {
  addCalendarDays,
  calendarDayIn,
  ratesOf,
  type CampaignListItem,
  type CampaignListQuery,
} from "@/lib/model/engagement";
import type { Vendor } from "@/lib/model/vendor";
import { queryRows, type Db } from "../store/db";
import { completenessOf } from "./completeness";
import { BUCKET_SUMS, bucketSource, countsOf, isoSql, type BucketSums } from "./engagement";

type Row = BucketSums & {
  id: string;
  connectionId: string;
  vendorReported: Record<string, number | null> | null;
  vendor: Vendor;
  name: string;
  status: Campaign["status"];
  vendorStatus: string | null;
  lastActivityAt: string | null;
};

/**
 * `GET /campaigns`: every campaign with its all-time totals (machine events excluded) and
 * last activity, most recently active first. Totals come from the rollups' hourly rows, one
 * group per campaign; the last activity is one backwards probe of (campaign_id, occurred_at).
 */
export async function listCampaigns(db: Db, q: CampaignListQuery): Promise<CampaignListItem[]> {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await queryRows<Row>(
    db,
    sql`
    select c.id, c.connection_id as "connectionId", c.vendor_reported as "vendorReported", c.vendor, c.name, c.status, c.vendor_status as "vendorStatus",
      ${isoSql(sql`(select max(a.occurred_at) from activities a where a.campaign_id = c.id and a.state is null)`)} as "lastActivityAt",
      s.*
    from campaigns c
    left join lateral (select ${BUCKET_SUMS} from ${bucketSource()} e where e.campaign_id = c.id) s on true
    where true
      ${q.vendor?.length ? sql`and c.vendor in (select value from json_array_elements_text(${JSON.stringify(q.vendor)}::json))` : sql``}
      ${q.status?.length ? sql`and c.status in (select value from json_array_elements_text(${JSON.stringify(q.status)}::json))` : sql``}
      ${like ? sql`and (c.name ilike ${like} or c.id ilike ${like})` : sql``}`,
  );
  const completeness = await completenessOf(
    db,
    rows.map((r) => ({ ...r, sent: Number(r.sent ?? 0) })),
    { whole: true },
  );
  return rows
    .map((r) => {
      const totals = countsOf(r, "exclude");
      return {
        id: r.id,
        vendor: r.vendor,
        name: r.name,
        status: r.status,
        vendorStatus: r.vendorStatus,
        totals,
        rates: ratesOf(totals),
        lastActivityAt: r.lastActivityAt,
        completeness: completeness.get(r.id)!,
      };
    })
    .sort((a, b) => (b.lastActivityAt ?? "").localeCompare(a.lastActivityAt ?? "") || a.name.localeCompare(b.name));
}

/** Replies per day over the last `days` days in `tz` (today included), per campaign: the list's sparklines. */
export async function replySparklines(
  db: Db,
  tz: string,
  days = 30,
  now = Date.now(),
): Promise<{ days: string[]; byCampaign: Map<string, number[]> }> {
  const today = calendarDayIn(now, tz);
  const first = addCalendarDays(today, -(days - 1));
  const dayList = Array.from({ length: days }, (_, i) => addCalendarDays(first, i));
  const rows = await queryRows<{ campaignId: string; day: string; replied: number }>(
    db,
    sql`
    select e.campaign_id as "campaignId", to_char((e.bucket at time zone ${tz})::date, 'YYYY-MM-DD') as day, sum(e.replied_human)::int as replied
    from engagement_buckets e
    where e.bucket >= (${first}::date::timestamp at time zone ${tz}) and e.bucket < (${addCalendarDays(today, 1)}::date::timestamp at time zone ${tz}) and e.replied_human > 0
    group by 1, 2`,
  );
  const index = new Map(dayList.map((d, i) => [d, i]));
  const byCampaign = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    const arr =
      byCampaign.get(r.campaignId) ?? byCampaign.set(r.campaignId, new Array<number>(days).fill(0)).get(r.campaignId)!;
    arr[i] = (arr[i] ?? 0) + r.replied;
  }
  return { days: dayList, byCampaign };
}
