import "server-only";
import { sql } from "drizzle-orm";
import { addCalendarDays, ratesOf, type Compare, type CompareQuery } from "@/lib/model/engagement";
import { notFound } from "../../http/errors";
import { queryRows, type Db } from "../../store/db";
import { completenessOf } from "../completeness";
import { campaignRows } from "./campaign-rows";
import { inZone, instantsOf, resolveRange } from "./range";
import { BUCKET_SUMS, bucketSource, countsOf, definitionsFor, type BucketSums } from "./sums";

// Several campaigns side by side: one sum per campaign over its buckets in range.

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
    let source = bucketSource();
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
      source = bucketSource([start!, end!]);
    }
    const sums = await queryRows<BucketSums & { campaignId: string }>(
      db,
      sql`
      select e.campaign_id as "campaignId", ${BUCKET_SUMS}
      from ${source} e
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
