import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { connectionRef } from "./records";

// The engagement rollups the campaign pages read (lib/server/rollups).

/**
 * Engagement rollups (issue 8), kept by the sync in the same transaction as the activities
 * (lib/server/rollups/engagement.ts). One row per (campaign, person, 1-based step; 0 = no
 * step): the facts the engagement definitions are made of — every send and bounce time and
 * the first time of each distinct event — recomputed from `activities` whenever one of the
 * person's activities in the campaign is written. `contact_key` is the contact id, or
 * `activity:<id>` for an activity with no contact (it then counts once on its own).
 */
export const engagementFacts = pgTable(
  "engagement_facts",
  {
    campaignId: text("campaign_id").notNull(),
    contactKey: text("contact_key").notNull(),
    step: integer("step").notNull(),
    connectionId: connectionRef(),
    /** The A/B variant of this person at this step; '' when not tested. */
    variant: text("variant").notNull().default(""),
    sentAt: ts("sent_at")
      .array()
      .notNull()
      .default(sql`'{}'`),
    bouncedAt: ts("bounced_at")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** First human open / first open of any kind (machine opens included); same for clicks and replies. */
    openedAt: ts("opened_at"),
    openedAnyAt: ts("opened_any_at"),
    clickedAt: ts("clicked_at"),
    clickedAnyAt: ts("clicked_any_at"),
    repliedAt: ts("replied_at"),
    repliedAnyAt: ts("replied_any_at"),
    /** First reply a person wrote (class `human`, or not yet classified), machine events excluded. */
    repliedHumanAt: ts("replied_human_at"),
    interestedAt: ts("interested_at"),
    unsubscribedAt: ts("unsubscribed_at"),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.contactKey, t.step] })],
);

/** The counters both bucket tables hold (a new builder per table: drizzle binds a column to its table). */
const bucketCounts = () => ({
  sent: integer("sent").notNull().default(0),
  bounced: integer("bounced").notNull().default(0),
  opened: integer("opened").notNull().default(0),
  openedAny: integer("opened_any").notNull().default(0),
  clicked: integer("clicked").notNull().default(0),
  clickedAny: integer("clicked_any").notNull().default(0),
  replied: integer("replied").notNull().default(0),
  repliedAny: integer("replied_any").notNull().default(0),
  repliedHuman: integer("replied_human").notNull().default(0),
  interested: integer("interested").notNull().default(0),
  unsubscribed: integer("unsubscribed").notNull().default(0),
});

/**
 * The facts above counted per 15-minute UTC bucket (every zone's offset is a multiple of 15
 * minutes, so days and ISO weeks in any zone are exact unions of these buckets): sends and
 * bounces as events, opened/clicked/replied/interested/unsubscribed as distinct
 * (person, step) pairs at the time of their first such event. Changed only by the exact
 * difference between a person's old and new facts, so re-syncs and overlaps never double count.
 */
export const engagementBuckets = pgTable(
  "engagement_buckets",
  {
    campaignId: text("campaign_id").notNull(),
    bucket: ts("bucket").notNull(),
    step: integer("step").notNull(),
    variant: text("variant").notNull().default(""),
    connectionId: connectionRef(),
    ...bucketCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.bucket, t.step, t.variant] }),
    // The overview: this week and last week across every campaign.
    index("engagement_buckets_bucket_idx").on(t.bucket),
  ],
);

/**
 * The same counts per whole UTC hour (issue 17): a third of the 15-minute rows for a
 * 300 000-activity campaign, so a campaign's chart in a zone whose days start on a whole
 * hour (every zone but a handful: India, Nepal, Newfoundland…) reads these instead.
 * Moved by the same differences as engagement_buckets, in the same statements.
 */
export const engagementHours = pgTable(
  "engagement_hours",
  {
    campaignId: text("campaign_id").notNull(),
    hour: ts("hour").notNull(),
    step: integer("step").notNull(),
    variant: text("variant").notNull().default(""),
    connectionId: connectionRef(),
    ...bucketCounts(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.hour, t.step, t.variant] })],
);
