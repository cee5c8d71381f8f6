import { z } from "zod";
import { vendorSchema } from "./vendor-schema";

export const identitySchema = z.object({
  vendor: vendorSchema,
  vendorId: z.string(), // the vendor's own id, as its connector maps it
  kind: z.string().nullable().optional(), // e.g. "contact", "lead"
  url: z.string().nullable().optional(),
});
export type Identity = z.infer<typeof identitySchema>;

/** The person both a contact and a row of the contact list start with. */
const personSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  company: z.string().nullable(),
});

export const contactSchema = personSchema.extend({
  identities: z.array(identitySchema),
  lastActivityAt: z.iso.datetime().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactListItemSchema = personSchema.extend({
  vendors: z.array(vendorSchema),
  /** The latest activity at or before now (issue 18); a future one is `upcomingAt`. */
  lastActivityAt: z.iso.datetime().nullable(),
  /** The soonest activity after now (a scheduled meeting, a send waiting): shown as "upcoming". */
  upcomingAt: z.iso.datetime().nullable().optional(),
  /** Activities that happened (at or before now, not scheduled or canceled). */
  activityCount: z.number().int(),
  /** The timeline's other items: activities not yet happened or canceled, and every task. */
  otherTimelineCount: z.number().int().optional(),
  openTaskCount: z.number().int(),
});
export type ContactListItem = z.infer<typeof contactListItemSchema>;

/** Trimmed and lower-cased: the key that matches one person across vendors. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e && e.includes("@") ? e : null;
}
