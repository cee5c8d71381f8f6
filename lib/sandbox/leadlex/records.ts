/**
 * Leadlex's native records, with the vendor's own field names and value types
 * (VENDORS.md "Leadlex", seed 003). Timestamps come in two spellings: most rows
 * carry `created_date` (activities, tasks) or `created_at` + `updated_date`
 * (contacts), and a minority carry the other spelling — the drift the connector
 * has to tolerate.
 */

export interface LeadlexContact {
  id: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  job_title: string | null;
  company_name: string | null;
  created_at?: string;
  created_date?: string;
  updated_date?: string;
  updated_at?: string;
}

export interface LeadlexActivity {
  id: string;
  type: string;
  title: string;
  description: string | null;
  contact_id: string;
  deal_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  entity_name: string | null;
  metadata: Record<string, unknown>;
  created_by_user_id: string | null;
  created_date?: string;
  created_at?: string;
}

export type LeadlexTaskStatus = "open" | "in_progress" | "completed";

export interface LeadlexTask {
  id: string;
  title: string;
  description: string | null;
  status: LeadlexTaskStatus;
  priority: "low" | "medium" | "high";
  task_type: string;
  /** `YYYY-MM-DD`, an ISO datetime, or null. */
  due_date: string | null;
  assigned_to_user_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  completed_date?: string | null;
  created_date?: string;
  created_at?: string;
}

export interface LeadlexCampaign {
  id: string;
  name: string;
  status: "draft" | "active" | "paused" | "completed";
  steps_count: number;
  owner_user_id: string;
  created_at: string;
  updated_date: string;
}

/** All-time numbers behind `GET /v1/campaigns/{id}/stats`, counted from the campaign's activities. */
export interface LeadlexCampaignCounts {
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
  bounced: number;
  unsubscribed: number;
}

export const TASK_STATUSES: readonly LeadlexTaskStatus[] = ["open", "in_progress", "completed"];

/** The documented types (seed 003) plus the ones this sandbox adds; `website_visit` is deliberately unknown to the connector. */
export const ACTIVITY_TYPES = [
  "call",
  "email",
  "meeting",
  "note",
  "task",
  "ai_action",
  "deal_stage_change",
  "list_added",
  "campaign_sent",
  "campaign_replied",
  "campaign_bounced",
  "website_visit",
] as const;

/** ISO 8601 in the vendor's style: `2026-04-17T14:23:05Z` (milliseconds only when there are some). */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** The row's creation time in whichever spelling it carries. */
export function createdOf(row: { created_date?: string; created_at?: string }): string {
  return row.created_date ?? row.created_at ?? "";
}

export function updatedOf(row: LeadlexContact): string {
  return row.updated_date ?? row.updated_at ?? createdOf(row);
}
