/**
 * Smartlead's native records, with the field names and value types the API sends
 * (VENDORS.md "Smartlead", seed 001). Numbers that Smartlead is known to send as
 * strings are typed `number | string` and the generator emits both.
 */

export const CAMPAIGN_STATUSES = ["DRAFTED", "ACTIVE", "COMPLETED", "STOPPED", "PAUSED"] as const;
export type SmartleadCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A lead's state in one campaign. The seed shows `INPROGRESS`; the feed has no bounce or
 * unsubscribe event, so those outcomes live here (BOUNCED, UNSUBSCRIBED) — our choice.
 */
export type SmartleadLeadStatus =
  "STARTED" | "INPROGRESS" | "COMPLETED" | "PAUSED" | "STOPPED" | "BOUNCED" | "UNSUBSCRIBED";

/** Smartlead's lead categories (set on a reply, by the AI or a person); null when none. */
export const LEAD_CATEGORIES = [
  "Interested",
  "Meeting Request",
  "Not Interested",
  "Out Of Office",
  "Information Request",
] as const;

/** `GET /campaigns/` item. */
export interface SmartleadCampaign {
  id: number;
  user_id: number;
  created_at: string;
  updated_at: string;
  status: SmartleadCampaignStatus;
  name: string;
  track_settings: string[];
  min_time_btwn_emails: number;
  max_leads_per_day: number;
  stop_lead_settings: string;
  client_id: number | null;
}

/** One variant of a sequence step (the A/B test unit). */
export interface SmartleadVariant {
  id: number;
  variant_label: string;
  subject: string;
  email_body: string;
}

/** A campaign's sequence step; kept so drift can send "the next step" coherently. */
export interface SmartleadSequenceStep {
  id: number;
  seq_number: number;
  seq_delay_details: { delay_in_days: number };
  seq_variants: SmartleadVariant[];
}

export interface SmartleadReplyDetails {
  time: string;
  reply_email_body: string;
  message_id: string;
}

/**
 * One entry of `thread_replies` (seed 001 lists the field, always `[]` in its example, and
 * calls them "thread conversations"). Their shape is not documented: ours is the lead's
 * further messages in the thread after the first reply, shaped like `reply_details`
 * (docs/vendor-assumptions.md).
 */
export type SmartleadThreadReply = SmartleadReplyDetails;

/** One sent email of a lead (`activities[]` in all-leads-activities). Opens and clicks are counts without times. */
export interface SmartleadActivity {
  stats_id: number;
  message_id: string;
  subject: string;
  email_body: string;
  sent_time: string;
  from_email: string;
  to_email: string;
  /** 1-based like the seed's `current_seq_num`; sometimes a string. */
  email_seq_number: number | string;
  open_count: number | string;
  click_count: number | string;
  /** Clicked URL → clicks. */
  click_details: Record<string, number>;
  reply_details: SmartleadReplyDetails | null;
  thread_replies: SmartleadThreadReply[];
  /** Only on A/B-tested steps (Smartlead's `seq_variant_id` and the variant's label). */
  seq_variant_id?: number;
  variant_label?: string;
}

/** A person in one campaign (`data[]` in all-leads-activities). */
export interface SmartleadLead {
  /** Account-wide per person, reused across campaigns. */
  lead_id: number;
  /** Per (lead, campaign). */
  email_lead_map_id: number;
  campaign_id: number;
  campaign_name: string;
  campaign_status: SmartleadCampaignStatus;
  status: SmartleadLeadStatus;
  lead_category: string | null;
  /** The step of the last email sent (0 before the first send). */
  current_seq_num: number;
  /** When the lead was added to the campaign. */
  created_at: string;
  activities: SmartleadActivity[];
}

/** `GET /leads/?email=` without `lead_campaign_data` (derived per request from the leads). */
export interface SmartleadLeadRecord {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone_number: string;
  company_name: string;
  website: string;
  location: string;
  custom_fields: Record<string, string>;
  linkedin_profile: string;
  company_url: string;
  is_unsubscribed: boolean;
  created_at: string;
}

/**
 * Engagement that happens after the generator's "now": an open, a click or a further
 * reply on an email already sent. The simulator applies each when its clock passes `at`
 * (the lead's counts grow later, as a real account's do); none of this is served as such.
 */
export interface SmartleadLateEvent {
  at: string;
  /** `data.leads[lead].activities[activity]`. */
  lead: number;
  activity: number;
  kind: "open" | "click" | "thread_reply";
  /** The clicked URL (click) or the message (thread_reply). */
  url?: string;
  reply?: SmartleadThreadReply;
}

export interface SmartleadData {
  campaigns: SmartleadCampaign[];
  /** Campaign id (as a string key, so the JSON is stable) → sequence. */
  sequences: Record<string, SmartleadSequenceStep[]>;
  leadRecords: SmartleadLeadRecord[];
  leads: SmartleadLead[];
  /** Engagement still to come, oldest first (applied from `next.lateCursor` on as the clock passes it). */
  late: SmartleadLateEvent[];
  /** Counters for ids handed out after generation (drift), and the next late event to apply. */
  next: { statsId: number; leadMapId: number; driftCursor: number; lateCursor: number };
}
