import "server-only";
import { z } from "zod";

/**
 * Close payloads, parsed leniently (VENDORS.md: "a connector must tolerate them being
 * different"): unknown fields are kept, most fields may be missing or null, numbers may
 * come as strings, unknown `_type` strings are accepted. A row is parsed on its own; the
 * few fields without which a row means nothing (its id, a usable time) are required.
 */

/** A Close datetime (`…+00:00`, microseconds) or date; checked for being a time at all. */
const instant = z.string().refine((s) => parseCloseInstant(s) !== null, { message: "not a date" });
const optStr = z.string().nullable().optional().catch(null);
/** Numbers that may arrive as strings; a garbled value becomes null instead of failing the row. */
const optNum = z.coerce.number().nullable().optional().catch(null);
const optBool = z
  .preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean())
  .nullable()
  .optional()
  .catch(null);

export const closeActivitySchema = z
  .looseObject({
    id: z.string().min(1),
    _type: z.string().nullable().optional().catch(null),
    lead_id: optStr,
    contact_id: optStr,
    user_id: optStr,
    user_name: optStr,
    organization_id: optStr,
    date_created: instant.nullable().optional().catch(null),
    date_updated: optStr,
    activity_at: instant.nullable().optional().catch(null),
    direction: optStr,
    status: optStr,
    subject: optStr,
    body_text: optStr,
    body_preview: optStr,
    body_html: optStr,
    sequence_id: optStr,
    sequence_name: optStr,
    duration: optNum,
    disposition: optStr,
    note: optStr,
    note_html: optStr,
    text: optStr,
    title: optStr,
    starts_at: optStr,
    ends_at: optStr,
    old_status_label: optStr,
    new_status_label: optStr,
    task_id: optStr,
    task_text: optStr,
    custom_activity_type_id: optStr,
    message_markdown: optStr,
  })
  .refine((a) => parseCloseInstant(a.activity_at ?? a.date_created ?? null) !== null, {
    message: "neither activity_at nor date_created is a time",
    path: ["activity_at"],
  });
export type CloseActivityRow = z.infer<typeof closeActivitySchema>;

export const closeTaskSchema = z.looseObject({
  id: z.string().min(1),
  _type: z.string().nullable().optional().catch(null),
  lead_id: optStr,
  lead_name: optStr,
  contact_id: optStr,
  contact_name: optStr,
  assigned_to: optStr,
  assigned_to_name: optStr,
  text: optStr,
  /** `YYYY-MM-DD` or a datetime; null for dateless tasks. An unreadable date fails the row. */
  date: instant.nullable().optional(),
  is_complete: optBool,
  is_dateless: optBool,
  date_created: optStr,
  date_updated: optStr,
});
export type CloseTaskRow = z.infer<typeof closeTaskSchema>;

export const closeContactSchema = z.looseObject({
  id: z.string().min(1),
  lead_id: optStr,
  name: optStr,
  display_name: optStr,
  title: optStr,
  emails: z
    .array(z.looseObject({ email: z.string().nullable().optional(), type: optStr }))
    .nullable()
    .optional()
    .catch(null),
  phones: z.array(z.unknown()).nullable().optional().catch(null),
});
export type CloseContactRow = z.infer<typeof closeContactSchema>;

export const closeLeadSchema = z.looseObject({
  id: z.string().min(1),
  name: optStr,
  display_name: optStr,
  contacts: z.array(z.unknown()).nullable().optional().catch(null),
});
export type CloseLeadRow = z.infer<typeof closeLeadSchema>;

/**
 * An event of the event log (VENDORS.md "Event log"). Only what the connector acts on is
 * required; `data` (the object after the change) is kept raw and parsed by its kind.
 */
export const closeEventSchema = z.looseObject({
  id: z.string().min(1),
  object_type: z.string().min(1),
  object_id: z.string().min(1),
  action: z.string().min(1),
  lead_id: optStr,
  date_updated: optStr,
  data: z.unknown().optional(),
  meta: z.record(z.string(), z.unknown()).nullable().optional().catch(null),
});
export type CloseEventRow = z.infer<typeof closeEventSchema>;

/** `GET /event/`: `{data: […], cursor_next}` — a missing or empty cursor ends the listing. */
export const closeEventListSchema = z.looseObject({
  data: z.array(z.unknown()),
  cursor_next: z.string().nullable().optional().catch(null),
});

/** A custom activity type (`GET /custom_activity/`): its name, and its fields' names when given. */
export const closeCustomTypeSchema = z.looseObject({
  id: z.string().min(1),
  name: optStr,
  fields: z
    .array(z.looseObject({ id: z.string().nullable().optional().catch(null), name: optStr }))
    .nullable()
    .optional()
    .catch(null),
});
export type CloseCustomTypeRow = z.infer<typeof closeCustomTypeSchema>;

/** A list answer: `{data: […], has_more}`. Rows stay unknown here and are parsed one by one. */
export const closeListSchema = z.looseObject({
  data: z.array(z.unknown()),
  has_more: optBool,
});

/** The 429 body Close documents: `{"error": {"rate_reset": seconds, …}}`. */
export const closeRateLimitBodySchema = z.looseObject({
  error: z.looseObject({ rate_reset: z.coerce.number().optional() }),
});

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Close's `2026-11-20T14:03:11.512000+00:00` (or a date, or a datetime without offset,
 * taken as UTC — never the machine's zone) as epoch ms; null when it is not a time.
 */
export function parseCloseInstant(value: string | null | undefined): number | null {
  if (!value) return null;
  const m = INSTANT.exec(value.trim());
  if (!m) return null;
  const [, day, time = "00:00:00", frac = "", zone = "Z"] = m;
  const tz = zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}.${frac.padEnd(3, "0").slice(0, 3)}${tz}`);
  return Number.isFinite(ms) ? ms : null;
}

/** True for a bare calendar day (`YYYY-MM-DD`), which must stay a day. */
export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
}
