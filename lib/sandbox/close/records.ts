/**
 * Close's native records as the simulator serves them: the field names and value
 * types of the Close API (VENDORS.md "Close", seed 004). Datetimes are Close's
 * `2026-11-20T14:03:11.512000+00:00` (microseconds, explicit offset); task `date`
 * is either a calendar day `YYYY-MM-DD` or such a datetime.
 */

export interface CloseUser {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
}

export interface CloseEmailAddress {
  email: string;
  type: "office" | "home" | "other";
}

export interface ClosePhone {
  phone: string;
  phone_formatted: string;
  type: "office" | "mobile" | "home" | "other";
}

export interface CloseContact {
  id: string;
  lead_id: string;
  organization_id: string;
  name: string;
  display_name: string;
  title: string;
  emails: CloseEmailAddress[];
  phones: ClosePhone[];
  urls: { url: string; type: string }[];
  date_created: string;
  date_updated: string;
  created_by: string;
  updated_by: string;
}

export interface CloseLead {
  id: string;
  name: string;
  display_name: string;
  description: string;
  url: string;
  status_id: string;
  status_label: string;
  organization_id: string;
  date_created: string;
  date_updated: string;
  created_by: string;
  updated_by: string;
}

/** Fields every activity carries. `contact_id` is null on lead-level items (status changes, Created). */
export interface CloseActivityBase {
  id: string;
  _type: string;
  lead_id: string;
  contact_id: string | null;
  user_id: string | null;
  user_name: string | null;
  organization_id: string;
  /** When the item was created in, or synced into, Close. */
  date_created: string;
  date_updated: string;
  /** When it actually happened (the sent time of an email, the start of a meeting). */
  activity_at: string;
  created_by: string | null;
  updated_by: string | null;
  users: readonly string[];
  /** Any other field of the type (see the generator for each `_type`). */
  [field: string]: unknown;
}
export type CloseActivity = CloseActivityBase;

export interface CloseTask {
  id: string;
  _type: string;
  organization_id: string;
  lead_id: string;
  lead_name: string;
  contact_id: string | null;
  contact_name: string | null;
  assigned_to: string;
  assigned_to_name: string;
  created_by: string;
  created_by_name: string;
  text: string;
  /** `YYYY-MM-DD`, a datetime, or null when `is_dateless`. */
  date: string | null;
  due_date: string | null;
  is_complete: boolean;
  is_dateless: boolean;
  view: "inbox" | "future" | "archive" | null;
  object_id: string | null;
  object_type: string | null;
  date_created: string;
  date_updated: string;
}

export const ACTIVITY_TYPES = [
  "Email",
  "EmailThread",
  "Call",
  "SMS",
  "Meeting",
  "Note",
  "LeadStatusChange",
  "OpportunityStatusChange",
  "TaskCompleted",
  "Created",
  "Custom",
  "WhatsAppMessage",
] as const;

export const TASK_TYPES = [
  "lead",
  "incoming_email",
  "email_followup",
  "missed_call",
  "answered_detached_call",
  "voicemail",
  "opportunity_due",
  "incoming_sms",
] as const;

/** Close's datetime format: ISO with microseconds and `+00:00`. */
export function closeDate(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000+00:00");
}
