import { z } from "zod";
import { contactListItemSchema, contactSchema } from "./contact";
import { taskSchema } from "./task";
import { commaList, cursorSchema, limitSchema, optionalText } from "./query-params";
import { VENDORS } from "./vendor";
import { vendorSchema } from "./vendor-schema";

export { contactsSearchParams, type ContactsRequest } from "./plain/contacts-query";

/**
 * GET /api/v1/contacts: `q` matches name, email or company (case-insensitive, anywhere
 * in the text); `vendor` keeps people with a record in that vendor (a comma list keeps
 * people in any of them); newest activity first (people with no activity last), ties by
 * id; `limit` 1–500 (default 50); `cursor` is the previous page's `nextCursor`.
 */
export const contactsQuerySchema = z.object({
  q: optionalText(200),
  vendor: commaList(VENDORS, "vendor"),
  limit: limitSchema,
  cursor: cursorSchema({ nullableAt: true }),
});
export type ContactsQuery = z.output<typeof contactsQuerySchema>;

export const contactsPageSchema = z.object({ data: z.array(contactListItemSchema), nextCursor: z.string().nullable() });
export type ContactsPage = z.infer<typeof contactsPageSchema>;

/** GET /api/v1/contacts/{id}: the person, every vendor identity (with a link into the vendor's app), and counts. */
export const contactDetailSchema = contactSchema.extend({
  vendors: z.array(vendorSchema),
  /** Activities that happened (at or before now, not scheduled or canceled). */
  activityCount: z.number().int(),
  /** The soonest activity after now: "upcoming", never the last activity. */
  upcomingAt: z.iso.datetime().nullable().optional(),
  /** The timeline's other items (activities not yet happened or canceled, and every task), so header + this = the timeline's count. */
  otherTimelineCount: z.number().int().optional(),
  openTaskCount: z.number().int(),
});
export type ContactDetail = z.infer<typeof contactDetailSchema>;

/** The route's answer: the person plus their open tasks (pinned on the contact page), soonest due first. */
export const contactResponseSchema = contactDetailSchema.extend({ openTasks: z.array(taskSchema) });
export type ContactResponse = z.infer<typeof contactResponseSchema>;

/** Route params: ids arrive decoded; anything longer than an id could be is simply not found. */
export const contactIdParamsSchema = z.object({ id: z.string().min(1).max(300) });

// ---------------------------------------------------------------------------
// POST /api/v1/contacts/{id}/refresh — the live path's report.

const changeCountsSchema = z.object({ activities: z.number().int(), tasks: z.number().int() });

export const refreshVendorResultSchema = z.object({
  vendor: vendorSchema,
  connectionId: z.string(),
  label: z.string(),
  status: z.enum(["ok", "failed"]),
  /** Rows Touchline did not have before. */
  new: changeCountsSchema,
  /** Rows it had whose content changed (status, time, text…). */
  updated: changeCountsSchema,
  /** Rows the vendor returned that were already up to date. */
  unchanged: z.number().int(),
  error: z.string().nullable(),
  ms: z.number().int(),
});
export type RefreshVendorResult = z.infer<typeof refreshVendorResultSchema>;

export const refreshSummarySchema = z.object({
  contactId: z.string(),
  refreshedAt: z.iso.datetime(),
  vendors: z.array(refreshVendorResultSchema),
  totals: z.object({ new: z.number().int(), updated: z.number().int(), failed: z.number().int() }),
});
export type RefreshSummary = z.infer<typeof refreshSummarySchema>;
