// The campaigns and engagement API (API.md "Campaigns and engagement"): the answers' shapes,
// and the query schemas the routes parse (engagement-query.ts, re-exported here). The constants, date helpers and the query
// string the pages send are zod-free, in plain/engagement.ts (re-exported here).
import { z } from "zod";
import {
  campaignSchema,
  campaignStatusSchema,
  completenessSchema,
  ENGAGEMENT_COUNTS,
  engagementCountsSchema,
  RATE_DEFINITIONS,
  ratesSchema,
  ratio,
  vendorReportedSchema,
  type EngagementCounts,
  type Rates,
} from "./campaign";
import { BOTS_MODES, COUNT_DEFINITIONS, ENGAGEMENT_INTERVALS, REPLY_FORMULAS, REPLY_MODES } from "./plain/engagement";
import { REPLY_CLASSES } from "./plain/reply-class";
import { vendorSchema } from "./vendor-schema";

export {
  addCalendarDays,
  BOTS_MODES,
  calendarDayIn,
  COUNT_DEFINITIONS,
  decodeCampaignId,
  ENGAGEMENT_INTERVALS,
  engagementSearch,
  engagementTimeZone,
  isoWeekStart,
  REPLY_FORMULAS,
  REPLY_MODES,
  type BotsMode,
  type EngagementInterval,
  type ReplyMode,
} from "./plain/engagement";

/** The `definitions` object of every engagement answer: each rate's formula, and what each count counts. */
export const ENGAGEMENT_DEFINITIONS: Record<string, string> = {
  ...RATE_DEFINITIONS,
  opened: COUNT_DEFINITIONS.opened,
  clicked: COUNT_DEFINITIONS.clicked,
  replied: COUNT_DEFINITIONS.replied,
  buckets:
    "each person × step counts once, in the bucket of its first open / click / reply; sends and bounces count every email; buckets are days or ISO weeks (from Monday) in the chosen time zone",
};

export {
  campaignListQuerySchema,
  compareQuerySchema,
  engagementQuerySchema,
  type CampaignListQuery,
  type CompareQuery,
  type EngagementQuery,
} from "./engagement-query";

// ---------------------------------------------------------------------------
// Answers.

export const ZERO_COUNTS: EngagementCounts = Object.fromEntries(
  ENGAGEMENT_COUNTS.map((k) => [k, 0]),
) as EngagementCounts;

export { ratio };

/** The rates of DESIGN.md, from counts. */
export function ratesOf(c: EngagementCounts): Rates {
  return {
    open: ratio(c.opened, c.delivered),
    click: ratio(c.clicked, c.delivered),
    reply: ratio(c.replied, c.delivered),
    bounce: ratio(c.bounced, c.sent),
    positive: ratio(c.interested, c.replied),
  };
}

export const replyRatesSchema = z.object({
  human: z.object({ replied: z.number().int().min(0), rate: z.number().nullable(), formula: z.string() }),
  all: z.object({ replied: z.number().int().min(0), rate: z.number().nullable(), formula: z.string() }),
});
export type ReplyRates = z.infer<typeof replyRatesSchema>;

export function replyRatesOf(human: number, all: number, delivered: number): ReplyRates {
  return {
    human: { replied: human, rate: ratio(human, delivered), formula: REPLY_FORMULAS.human },
    all: { replied: all, rate: ratio(all, delivered), formula: REPLY_FORMULAS.all },
  };
}

/** A campaign as the engagement pages head it: the stored campaign's fields and its activity span. */
export const campaignSummarySchema = campaignSchema
  .pick({
    id: true,
    vendor: true,
    vendorId: true,
    name: true,
    status: true,
    vendorStatus: true,
    createdAt: true,
    url: true,
  })
  .extend({
    firstActivityAt: z.iso.datetime().nullable(),
    lastActivityAt: z.iso.datetime().nullable(),
  });
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const seriesPointSchema = engagementCountsSchema.extend({ bucket: z.iso.datetime() });
export type SeriesPoint = z.infer<typeof seriesPointSchema>;
export const stepRowSchema = engagementCountsSchema.extend({ step: z.number().int().min(1), rates: ratesSchema });
export type StepRow = z.infer<typeof stepRowSchema>;
export const variantRowSchema = engagementCountsSchema.extend({ variant: z.string(), rates: ratesSchema });
export type VariantRow = z.infer<typeof variantRowSchema>;

export const topReplySchema = z.object({
  activityId: z.string(),
  contactId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  occurredAt: z.iso.datetime(),
  step: z.number().int().min(1).nullable(),
  variant: z.string().nullable(),
  subject: z.string().nullable(),
  preview: z.string().nullable(),
  interested: z.boolean(),
  /** human | auto_reply | opt_out | bounce_notice; null only for a reply not yet classified. */
  replyClass: z.enum(REPLY_CLASSES).nullable(),
});
export type TopReply = z.infer<typeof topReplySchema>;

export const engagementSchema = z.object({
  campaign: campaignSummarySchema,
  interval: z.enum(ENGAGEMENT_INTERVALS),
  tz: z.string(),
  bots: z.enum(BOTS_MODES),
  /** Which replies `replied` and the reply rate count (issue 18). */
  replies: z.enum(REPLY_MODES),
  /** Both reply counts and rates, whichever mode was asked, with the formula of each. */
  replyRates: replyRatesSchema,
  /** Whether Touchline's copy is whole (issue 18); partial figures say why and until when. */
  completeness: completenessSchema,
  /** The calendar days covered (in `tz`, inclusive). */
  from: z.iso.date(),
  to: z.iso.date(),
  series: z.array(seriesPointSchema),
  byStep: z.array(stepRowSchema),
  byVariant: z.array(variantRowSchema),
  totals: engagementCountsSchema,
  rates: ratesSchema,
  definitions: z.record(z.string(), z.string()),
  vendorReported: vendorReportedSchema,
  topReplies: z.array(topReplySchema),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const campaignListItemSchema = z.object({
  id: z.string(),
  vendor: vendorSchema,
  name: z.string(),
  status: campaignStatusSchema,
  vendorStatus: z.string().nullable(),
  totals: engagementCountsSchema,
  rates: ratesSchema,
  lastActivityAt: z.iso.datetime().nullable(),
  completeness: completenessSchema,
});
export type CampaignListItem = z.infer<typeof campaignListItemSchema>;
export const campaignListSchema = z.object({ data: z.array(campaignListItemSchema) });

export const compareRowSchema = z.object({
  campaign: campaignSummarySchema.pick({
    id: true,
    vendor: true,
    name: true,
    status: true,
    firstActivityAt: true,
    lastActivityAt: true,
  }),
  totals: engagementCountsSchema,
  rates: ratesSchema,
  vendorReported: vendorReportedSchema,
  completeness: completenessSchema,
});
export type CompareRow = z.infer<typeof compareRowSchema>;
export const compareSchema = z.object({
  /** Null when no range was given: each campaign's whole life. */
  from: z.iso.date().nullable(),
  to: z.iso.date().nullable(),
  tz: z.string(),
  bots: z.enum(BOTS_MODES),
  replies: z.enum(REPLY_MODES),
  data: z.array(compareRowSchema),
  /** Ids asked for that are not (or no longer) campaigns: the others are compared. */
  notFound: z.array(z.string()),
  definitions: z.record(z.string(), z.string()),
});
export type Compare = z.infer<typeof compareSchema>;
