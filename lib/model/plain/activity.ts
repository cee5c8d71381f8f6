// zod-free: client components import this (a module that defines zod schemas at its top
// level brings all of zod into the page's JavaScript).

const EMAIL_KINDS = [
  "email_sent",
  "email_opened",
  "email_clicked",
  "email_replied",
  "email_bounced",
  "email_failed",
  "unsubscribed",
] as const;
const LINKEDIN_KINDS = [
  "linkedin_visit",
  "linkedin_invite_sent",
  "linkedin_invite_accepted",
  "linkedin_message_sent",
  "linkedin_replied",
] as const;

// The email and LinkedIn kinds are also timeline filter groups (KIND_GROUPS), so they are
// listed once and spread here, in the same order as before.
export const ACTIVITY_KINDS = [
  ...EMAIL_KINDS,
  "interested",
  "not_interested",
  ...LINKEDIN_KINDS,
  "call",
  "sms",
  "whatsapp",
  "meeting",
  "note",
  "task_completed",
  "status_change",
  "sequence_event",
  "system",
  "other",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The groups a person filters the timeline by (issue: timeline filters). */
export const KIND_GROUPS = {
  email: EMAIL_KINDS,
  linkedin: LINKEDIN_KINDS,
  calls: ["call", "meeting", "sms", "whatsapp"],
  notes: ["note"],
  outcomes: ["interested", "not_interested"],
  system: ["task_completed", "status_change", "sequence_event", "system", "other"],
} as const satisfies Record<string, readonly ActivityKind[]>;

export const CHANNELS = ["email", "linkedin", "phone", "sms", "whatsapp", "meeting", "note", "system"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Where an activity stands when it has not simply happened (null: it happened).
 * - `scheduled`: planned, not done yet — an email waiting in the outbox or a sequence, a
 *   draft, an upcoming meeting. Shown (in the future part of the timeline when its time is
 *   ahead), never counted: not in engagement, activity counts or "last activity".
 * - `canceled`: it will not happen (a canceled or declined meeting). Shown struck through,
 *   never counted.
 * When the vendor later sends or holds it, the same item loses its state and counts.
 */
export const ACTIVITY_STATES = ["scheduled", "canceled"] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = {
  scheduled: "scheduled",
  canceled: "canceled",
};
