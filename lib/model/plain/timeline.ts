// zod-free, for client components (a module that defines zod schemas brings all of zod
// along): the timeline's kinds and labels, and the query string the contact page sends
// (lib/model/timeline.ts holds the schemas that parse it).
import { ACTIVITY_KINDS, KIND_GROUPS, type ActivityKind } from "./activity";

export const TIMELINE_KINDS = [...ACTIVITY_KINDS, "task"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** The groups of the kind filter, in display order ("tasks" is the one non-activity group). */
export const TIMELINE_KIND_GROUPS = [
  { key: "email", label: "Email", kinds: KIND_GROUPS.email },
  { key: "linkedin", label: "LinkedIn", kinds: KIND_GROUPS.linkedin },
  { key: "calls", label: "Calls & meetings", kinds: KIND_GROUPS.calls },
  { key: "notes", label: "Notes", kinds: KIND_GROUPS.notes },
  { key: "outcomes", label: "Outcomes", kinds: KIND_GROUPS.outcomes },
  { key: "tasks", label: "Tasks", kinds: ["task"] },
  { key: "system", label: "System", kinds: KIND_GROUPS.system },
] as const satisfies readonly { key: string; label: string; kinds: readonly TimelineKind[] }[];

/** "Replies only": the quick filter a sales-ops person reaches for first. */
export const REPLY_KINDS = ["email_replied", "linkedin_replied"] as const satisfies readonly ActivityKind[];

export const KIND_LABELS: Record<TimelineKind, string> = {
  email_sent: "Email sent",
  email_opened: "Email opened",
  email_clicked: "Link clicked",
  email_replied: "Email reply",
  email_bounced: "Email bounced",
  email_failed: "Email failed",
  unsubscribed: "Unsubscribed",
  interested: "Interested",
  not_interested: "Not interested",
  linkedin_visit: "LinkedIn visit",
  linkedin_invite_sent: "LinkedIn invite",
  linkedin_invite_accepted: "Invite accepted",
  linkedin_message_sent: "LinkedIn message",
  linkedin_replied: "LinkedIn reply",
  call: "Call",
  sms: "SMS",
  whatsapp: "WhatsApp",
  meeting: "Meeting",
  note: "Note",
  task_completed: "Task completed",
  status_change: "Status change",
  sequence_event: "Sequence event",
  system: "System",
  other: "Other",
  task: "Task",
};

/** What a client asks for, in the URL's own words (the schema's input). */
export interface TimelineRequest {
  kinds?: readonly TimelineKind[] | null;
  vendors?: readonly string[] | null;
  campaignId?: string | null;
  from?: string | null;
  to?: string | null;
  tz?: string | null;
  q?: string | null;
  bots?: "include" | "exclude" | null;
  /** Issue 18: replies of these classes only (human, auto_reply, opt_out, bounce_notice). */
  replyClass?: readonly string[] | null;
  limit?: number | null;
  cursor?: string | null;
}

/** The query string for GET /contacts/{id}/timeline (and …/facets), in a stable order. */
export function timelineSearchParams(r: TimelineRequest): URLSearchParams {
  const sp = new URLSearchParams();
  if (r.kinds?.length) sp.set("kinds", [...r.kinds].sort().join(","));
  if (r.vendors?.length) sp.set("vendors", [...r.vendors].sort().join(","));
  if (r.campaignId) sp.set("campaignId", r.campaignId);
  if (r.from) sp.set("from", r.from);
  if (r.to) sp.set("to", r.to);
  if (r.tz) sp.set("tz", r.tz);
  if (r.q?.trim()) sp.set("q", r.q.trim());
  if (r.bots === "exclude") sp.set("bots", "exclude");
  if (r.replyClass?.length) sp.set("replyClass", [...r.replyClass].sort().join(","));
  if (r.limit) sp.set("limit", String(r.limit));
  if (r.cursor) sp.set("cursor", r.cursor);
  return sp;
}
