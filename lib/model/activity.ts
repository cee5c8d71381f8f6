import { z } from "zod";
import { ACTIVITY_KINDS, ACTIVITY_STATES, CHANNELS } from "./plain/activity";
import { REPLY_CLASSES } from "./plain/reply-class";
import { vendorSchema } from "./vendor-schema";

export {
  ACTIVITY_KINDS,
  ACTIVITY_STATES,
  CHANNELS,
  KIND_GROUPS,
  type ActivityKind,
  type ActivityState,
  type Channel,
} from "./plain/activity";

export const activityKindSchema = z.enum(ACTIVITY_KINDS);

export const channelSchema = z.enum(CHANNELS);

/** Null: it happened. See ACTIVITY_STATES (lib/model/plain/activity.ts). */
export const activityStateSchema = z.enum(ACTIVITY_STATES).nullable();

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
  /** Scheduled or canceled items are shown but never counted; absent or null: it happened. */
  state: activityStateSchema.optional(),
  /** Replies only (issue 18): human | auto_reply | opt_out | bounce_notice; null on everything else. */
  replyClass: z.enum(REPLY_CLASSES).nullable().optional(),
  url: z.string().nullable(),
  raw: z.unknown(),
});
export type Activity = z.infer<typeof activitySchema>;
