import "server-only";
import { z } from "zod";

/**
 * lemlist payloads, parsed leniently: unknown fields are kept (`looseObject`), every
 * field the vendor may omit is optional, numbers may come as strings, and a field of an
 * unexpected type becomes null instead of failing the row. Only what a row cannot do
 * without (an id, a type, a creation time) makes it fail — and then only that row.
 */

/** A string, or a number read as one; anything else is dropped (null). */
const text = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .catch(null);

/** A number, or a numeric string; anything else is dropped (null). */
const number = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v),
    z.number(),
  )
  .nullish()
  .catch(null);

const flag = z
  .preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean())
  .nullish()
  .catch(null);

const instant = z.string().refine((s) => Number.isFinite(Date.parse(s)), "not a date");

export const lemlistLeadObjectSchema = z.looseObject({
  _id: text,
  state: text,
  isPaused: flag,
  contactId: text,
  variables: z.record(z.string(), z.unknown()).nullish().catch(null),
});

export const lemlistActivitySchema = z.looseObject({
  _id: z.string().min(1),
  type: z.string().min(1),
  createdAt: instant,
  teamId: text,
  isFirst: flag,
  bot: flag,
  leadId: text,
  contactId: text,
  leadEmail: text,
  leadFirstName: text,
  leadLastName: text,
  leadCompanyName: text,
  campaignId: text,
  campaignName: text,
  name: text,
  sequenceId: text,
  sequenceStep: number,
  totalSequenceStep: number,
  stepId: text,
  // The A/B variant: "A"/"B" in the seed; numbers and booleans are tolerated.
  sequenceTested: z.union([z.string(), z.number(), z.boolean()]).nullish().catch(null),
  emailTemplateId: text,
  createdBy: text,
  sendUserId: text,
  userId: text,
  userName: text,
  relatedSentAt: text,
  companyId: text,
  note: text,
  emailSubject: text,
  subject: text,
  emailPreview: text,
  text: text,
  html: text,
  duration: number,
  metaData: z.looseObject({ taskId: text }).nullish().catch(null),
  lead: lemlistLeadObjectSchema.nullish().catch(null),
});
export type LemlistActivityRow = z.infer<typeof lemlistActivitySchema>;

export const lemlistTaskSchema = z.looseObject({
  _id: z.string().min(1),
  type: text,
  title: text,
  priority: z.union([z.number(), z.string()]).nullish().catch(null),
  leadId: text,
  campaignId: text,
  contactId: text,
  dueDate: text,
  userId: text,
  userName: text,
  content: text,
  createdAt: text,
});
export type LemlistTaskRow = z.infer<typeof lemlistTaskSchema>;

export const lemlistCampaignSchema = z.looseObject({
  _id: z.string().min(1),
  name: text,
  status: text,
  createdAt: text,
  teamId: text,
  archived: flag,
});
export type LemlistCampaignRow = z.infer<typeof lemlistCampaignSchema>;

/** `GET /campaigns/{id}/stats` (v2 field names unverified: every count is optional). */
export const lemlistCampaignStatsSchema = z.looseObject({
  sentCount: number,
  deliveredCount: number,
  openedCount: number,
  clickedCount: number,
  repliedCount: number,
  bouncedCount: number,
  unsubscribedCount: number,
  interestedCount: number,
  notInterestedCount: number,
  leadTotal: number,
  replyRate: number,
});
export type LemlistCampaignStats = z.infer<typeof lemlistCampaignStatsSchema>;

/** `GET /leads/{email}`: one entry per campaign. */
export const lemlistLeadSchema = z.looseObject({
  _id: text,
  id: text,
  contactId: text,
  campaignId: text,
  campaignName: text,
  email: text,
  firstName: text,
  lastName: text,
  companyName: text,
  variables: z.record(z.string(), z.unknown()).nullish().catch(null),
});
export type LemlistLeadRow = z.infer<typeof lemlistLeadSchema>;

export const lemlistTeamSchema = z.looseObject({ _id: text, name: text });

/** Issue paths of a failed parse, for the warning log (never values: they may hold personal data). */
export function issuePaths(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? i.path.join(".") : "(root)"));
}
