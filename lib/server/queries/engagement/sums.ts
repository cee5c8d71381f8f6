import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { EngagementCounts } from "@/lib/model/campaign";
import {
  ENGAGEMENT_DEFINITIONS,
  REPLY_FORMULAS,
  ZERO_COUNTS,
  type BotsMode,
  type ReplyMode,
} from "@/lib/model/engagement";
import { COUNT_COLUMNS } from "../../rollups/engagement";

// The sums every campaign read shares (the list, the overview, one campaign, compare):
// the bucket columns as SQL, sums → the API's counts, and the definitions that go with them.

/** Timestamps leave SQL as ISO strings, so both drivers answer alike. */
export const isoSql = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The sums of one group of bucket rows, as SQL select items. */
export const BUCKET_SUMS = sql.raw(COUNT_COLUMNS.map((c) => `coalesce(sum(${c}), 0)::int as ${c}`).join(", "));

export type BucketSums = Record<(typeof COUNT_COLUMNS)[number], number>;

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

/** The definitions with the reply rate's formula for the chosen replies. */
export function definitionsFor(replies: ReplyMode): Record<string, string> {
  const who = REPLY_FORMULAS[replies].replace(/ \/ delivered$/, "");
  return { ...ENGAGEMENT_DEFINITIONS, replied: `people × steps with at least one reply; counted: ${who}` };
}

const HOURS = sql.raw(`(select h.*, h.hour as bucket from engagement_hours h)`);
const QUARTERS = sql.raw("engagement_buckets");

/**
 * The bucket rows to sum between these instants (ISO, UTC), as a relation with a `bucket`
 * time column: the hourly rows when every instant falls on a whole UTC hour — the day and
 * week boundaries of nearly every zone, a third as many rows to read — else the 15-minute
 * ones (India's +05:30, Nepal's +05:45…). With no instants (all time), the hourly rows.
 */
export function bucketSource(instants: readonly string[] = []): SQL {
  return instants.every((t) => /T\d\d:00:00(\.0+)?Z$/.test(t)) ? HOURS : QUARTERS;
}
