import { z } from "zod";
import { vendorSchema } from "./vendor";

export const ACTIVITY_KINDS = [
  "email_sent",
  "email_opened",
  "email_clicked",
  "email_replied",
  "email_bounced",
  "email_failed",
  "unsubscribed",
  "interested",
  "not_interested",
  "linkedin_visit",
  "linkedin_invite_sent",
  "linkedin_invite_accepted",
  "linkedin_message_sent",
  "linkedin_replied",
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
export const activityKindSchema = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof activityKindSchema>;

/** The groups a person filters the timeline by (issue: timeline filters). */
export const KIND_GROUPS = {
  email: ["email_sent", "email_opened", "email_clicked", "email_replied", "email_bounced", "email_failed", "unsubscribed"],
  linkedin: ["linkedin_visit", "linkedin_invite_sent", "linkedin_invite_accepted", "linkedin_message_sent", "linkedin_replied"],
  calls: ["call", "meeting", "sms", "whatsapp"],
  notes: ["note"],
  outcomes: ["interested", "not_interested"],
  system: ["task_completed", "status_change", "sequence_event", "system", "other"],
} as const satisfies Record<string, readonly ActivityKind[]>;

export const CHANNELS = ["email", "linkedin", "phone", "sms", "whatsapp", "meeting", "note", "system"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const directionSchema = z.enum(["outbound", "inbound"]).nullable();

export const actorSchema = z.object({ id: z.string().nullable(), name: z.string().nullable() });
export type Actor = z.infer<typeof actorSchema>;

export const activitySchema = z.object({
  id: z.string(), // `<vendor>:<vendor id>`
  connectionId: z.string(),
  vendor: vendorSchema,
  vendorType: z.string(),
  kind: activityKindSchema,
  channel: channelSchema,
  direction: directionSchema,
  occurredAt: z.iso.datetime(),
  contactId: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable().optional(),
  sequenceStep: z.number().int().min(1).nullable(), // 1-based everywhere
  variant: z.string().nullable(),
  actor: actorSchema.nullable(),
  subject: z.string().nullable(),
  preview: z.string().nullable(),
  body: z.string().nullable(),
  bot: z.boolean(),
  durationSeconds: z.number().nullable().optional(),
  url: z.string().nullable(),
  raw: z.unknown(),
});
export type Activity = z.infer<typeof activitySchema>;
