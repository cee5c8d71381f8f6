import "server-only";
import { z } from "zod";

/**
 * Smartlead payloads, parsed leniently (VENDORS.md "Smartlead"): unknown fields are kept,
 * anything the API may omit is optional, and numbers Smartlead sends as strings ("12")
 * are coerced. Each row is parsed on its own so one odd row is skipped, not fatal.
 */

/** An ISO 8601 time; one without an offset is read as UTC. Null when it is not a time. */
export function parseVendorTime(value: string): Date | null {
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return null;
  const zoned =
    /T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/i.test(v) || /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : `${v.replace(" ", "T")}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** An id sent as a number or a string, kept as a string. */
const id = z.union([z.number(), z.string().trim().min(1)]).transform(String);
/** A number that may arrive as a string; "" is taken as absent. */
const num = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v)) : v),
  z.number().nullable(),
);
const text = z.string().nullish();
/** A time, normalised to an ISO instant. */
const time = z
  .string()
  .refine((s) => parseVendorTime(s) !== null, "not an ISO 8601 time")
  .transform((s) => parseVendorTime(s)!.toISOString());

export const activitySchema = z.looseObject({
  stats_id: id,
  message_id: text,
  subject: text,
  email_body: text,
  sent_time: time,
  from_email: text,
  to_email: text,
  email_seq_number: num.optional(),
  open_count: num.optional(),
  click_count: num.optional(),
  click_details: z.unknown().optional(),
  reply_details: z.looseObject({ time: time.nullish(), reply_email_body: text, message_id: text }).nullish(),
  thread_replies: z.array(z.unknown()).nullish(),
  seq_variant_id: id.nullish(),
  variant_label: text,
});
export type SmartleadActivityRow = z.infer<typeof activitySchema>;

/**
 * One entry of an email's `thread_replies` ("thread conversations", seed 001; its example
 * is `[]`). The shape is not documented: read like `reply_details` (time, body, message
 * id), with `email_body` and `from_email` accepted too (docs/vendor-assumptions.md).
 */
export const threadReplySchema = z.looseObject({
  time,
  reply_email_body: text,
  email_body: text,
  message_id: text,
  from_email: text,
});
export type SmartleadThreadReplyRow = z.infer<typeof threadReplySchema>;

/** A lead row of all-leads-activities; its activities are parsed one by one afterwards. */
export const leadSchema = z.looseObject({
  lead_id: id,
  email_lead_map_id: id.nullish(),
  campaign_id: id.nullish(),
  campaign_name: text,
  campaign_status: text,
  status: text,
  lead_category: text,
  current_seq_num: num.optional(),
  created_at: text,
  activities: z.array(z.unknown()).nullish(),
});
export type SmartleadLeadRow = z.infer<typeof leadSchema>;

export const activitiesPageSchema = z.looseObject({
  data: z.array(z.unknown()),
  hasMore: z.union([z.boolean(), z.stringbool()]).nullish(),
});

export const campaignSchema = z.looseObject({
  id,
  name: text,
  status: text,
  created_at: text,
  updated_at: text,
});
export type SmartleadCampaignRow = z.infer<typeof campaignSchema>;

export const analyticsSchema = z.looseObject({
  sent_count: num.optional(),
  unique_sent_count: num.optional(),
  open_count: num.optional(),
  unique_open_count: num.optional(),
  click_count: num.optional(),
  unique_click_count: num.optional(),
  reply_count: num.optional(),
  bounce_count: num.optional(),
  unsubscribed_count: num.optional(),
  total_count: num.optional(),
  campaign_lead_stats: z.looseObject({ interested: num.optional(), total: num.optional() }).nullish(),
});
export type SmartleadAnalytics = z.infer<typeof analyticsSchema>;

/** `GET /leads/?email=`; an unknown email is `{}`, so the id is optional. */
export const leadByEmailSchema = z.looseObject({
  id: id.optional(),
  email: text,
  first_name: text,
  last_name: text,
  company_name: text,
  lead_campaign_data: z.array(z.unknown()).nullish(),
});
export type SmartleadLeadByEmail = z.infer<typeof leadByEmailSchema>;

export const leadCampaignSchema = z.looseObject({
  campaign_id: id,
  campaign_name: text,
  campaign_lead_map_id: id.nullish(),
  campaign_lead_status: text,
  lead_category: text,
});
export type SmartleadLeadCampaign = z.infer<typeof leadCampaignSchema>;

export const historySchema = z.looseObject({
  history: z.array(z.unknown()).nullish(),
  from: text,
  to: text,
});

export const historyEntrySchema = z.looseObject({
  type: z.string(),
  stats_id: id.nullish(),
  message_id: text,
  time,
  subject: text,
  email_body: text,
  email_seq_number: num.optional(),
  open_count: num.optional(),
  click_count: num.optional(),
  from: text,
  to: text,
  seq_variant_id: id.nullish(),
  variant_label: text,
});
export type SmartleadHistoryEntry = z.infer<typeof historyEntrySchema>;

/** Where a row failed, for the warning log: paths only, never values. */
export function issuePaths(error: z.ZodError): string[] {
  return error.issues.map((i) => i.path.map(String).join(".") || "(row)");
}
