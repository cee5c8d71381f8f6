import "server-only";
import { excerpt, htmlToText } from "@/lib/plain-text";
import type { ActivityKind, ActivityState, Channel } from "@/lib/model";
import type { MappedActivity, PersonRef } from "@/lib/vendors/types";
import { parseCloseInstant, type CloseActivityRow, type CloseContactRow } from "./schemas";

/**
 * Close rows → the unified model. Pure functions; `raw` is the row as received.
 *
 * Decisions where VENDORS.md is silent:
 * - People are Close contacts: a PersonRef carries the `cont_…` id (kind "contact").
 *   A Close lead is a company holding several contacts, and an identity belongs to
 *   one contact, so the lead id is not sent as an identity; it is the identity's
 *   `url` (the lead page) instead. Lead-level rows (status changes, Created, tasks
 *   without a contact) have no person: company-level items (DESIGN.md).
 * - Close has no campaigns: `campaignId` is null; an email's `sequence_id` /
 *   `sequence_name` stay in `raw`. Opens embedded in an Email (`opens[]`) are not
 *   turned into `email_opened` rows.
 * - `EmailThread` maps to nothing: it repeats the Email rows it groups.
 * - An outgoing Email (or SMS) still a draft / scheduled / in the outbox is `email_sent`
 *   (`sms`) with state `scheduled` — shown, not counted — until Close sends it; one with
 *   status `error` is `email_failed`.
 * - A Meeting `upcoming` is `scheduled`; `canceled` and `declined-…` are `canceled`.
 * - A Custom activity keeps its type's name (from `GET /custom_activity/`) as its subject
 *   and its custom fields (`custom.<field id>`, named by the type) as its body.
 */

export const CLOSE_APP_URL = "https://app.close.com";
export const leadUrl = (leadId: string) => `${CLOSE_APP_URL}/lead/${encodeURIComponent(leadId)}/`;

/** What the connector knows of a contact from the contact listing (for PersonRefs on activities). */
export interface ContactInfo {
  email: string | null;
  name: string | null;
  company: string | null;
  leadId: string | null;
}
export type ContactLookup = (contactId: string) => ContactInfo | undefined;

export function personOfContact(
  contactId: string,
  leadId: string | null | undefined,
  known?: Partial<ContactInfo>,
): PersonRef {
  const lead = leadId ?? known?.leadId ?? null;
  return {
    identities: [{ vendorId: contactId, kind: "contact", url: lead ? leadUrl(lead) : null }],
    email: known?.email ?? null,
    name: known?.name ?? null,
    company: known?.company ?? null,
  };
}

export function contactInfo(row: CloseContactRow, company: string | null): ContactInfo {
  const email = (row.emails ?? []).map((e) => e.email?.trim()).find((e): e is string => !!e) ?? null;
  return { email, name: row.name || row.display_name || null, company, leadId: row.lead_id ?? null };
}

export function mapCloseContact(row: CloseContactRow, company: string | null): PersonRef {
  const info = contactInfo(row, company);
  return personOfContact(row.id, row.lead_id, info);
}

function direction(value: string | null | undefined): "outbound" | "inbound" | null {
  const v = value?.toLowerCase();
  if (v === "outgoing" || v === "outbound") return "outbound";
  if (v === "incoming" || v === "inbound") return "inbound";
  return null;
}

interface Classified {
  kind: ActivityKind;
  channel: Channel;
  direction: "outbound" | "inbound" | null;
  state?: ActivityState | null;
}

/** Email and SMS statuses of a message not sent yet (VENDORS.md: `inbox, draft, scheduled, outbox, sent, error`). */
const UNSENT = new Set(["draft", "scheduled", "outbox"]);

function meetingState(status: string | undefined): ActivityState | null {
  if (status === "upcoming") return "scheduled";
  if (status === "canceled" || status === "cancelled" || status?.startsWith("declined")) return "canceled";
  return null;
}

function classify(row: CloseActivityRow): Classified | null {
  const dir = direction(row.direction);
  const status = row.status?.toLowerCase();
  switch (row._type) {
    case "Email": {
      if (dir === "inbound") return { kind: "email_replied", channel: "email", direction: "inbound" };
      if (status && UNSENT.has(status))
        return { kind: "email_sent", channel: "email", direction: "outbound", state: "scheduled" };
      if (status === "error") return { kind: "email_failed", channel: "email", direction: "outbound" };
      return { kind: "email_sent", channel: "email", direction: "outbound" };
    }
    case "EmailThread":
      return null;
    case "Call":
      return { kind: "call", channel: "phone", direction: dir };
    case "SMS":
      return {
        kind: "sms",
        channel: "sms",
        direction: dir,
        state: dir !== "inbound" && status && UNSENT.has(status) ? "scheduled" : null,
      };
    case "WhatsAppMessage":
      return { kind: "whatsapp", channel: "whatsapp", direction: dir };
    case "Meeting":
      return { kind: "meeting", channel: "meeting", direction: null, state: meetingState(status) };
    case "Note":
      return { kind: "note", channel: "note", direction: null };
    case "LeadStatusChange":
    case "OpportunityStatusChange":
      return { kind: "status_change", channel: "system", direction: null };
    case "TaskCompleted":
      return { kind: "task_completed", channel: "system", direction: null };
    case "Created":
      return { kind: "system", channel: "system", direction: null };
    default:
      // Custom activities and types we do not know yet.
      return { kind: "other", channel: "system", direction: null };
  }
}

const nonEmpty = (s: string | null | undefined) => (s && s.trim() ? s : null);

/** A custom activity type's name and its fields' names, by field id (`cf_…`). */
export interface CustomType {
  name: string;
  fields: Map<string, string>;
}
export type CustomTypeLookup = (typeId: string) => CustomType | undefined;

/** `Outcome: Positive` lines for the row's `custom.<field id>` values, named by the type where it names them. */
export function customFieldsText(row: Record<string, unknown>, type: CustomType | undefined): string | null {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(row)) {
    if (!k.startsWith("custom.") || v === null || v === undefined || v === "") continue;
    const id = k.slice("custom.".length);
    const value = Array.isArray(v) ? v.map(String).join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v);
    lines.push(`${type?.fields.get(id) ?? id}: ${value}`);
  }
  return lines.length ? lines.join("\n") : null;
}

function bodyOf(row: CloseActivityRow, custom?: CustomType): string | null {
  switch (row._type) {
    case "Custom":
      return (
        [
          customFieldsText(row, custom),
          nonEmpty(row.note) ?? (row.note_html ? nonEmpty(htmlToText(row.note_html)) : null),
        ]
          .filter(Boolean)
          .join("\n\n") || null
      );
    case "Email":
      return nonEmpty(row.body_text) ?? (row.body_html ? nonEmpty(htmlToText(row.body_html)) : null);
    case "Note":
    case "Call":
    case "Meeting":
      return nonEmpty(row.note) ?? (row.note_html ? nonEmpty(htmlToText(row.note_html)) : null);
    case "SMS":
      return nonEmpty(row.text);
    case "WhatsAppMessage":
      return nonEmpty(row.message_markdown);
    case "TaskCompleted":
      return nonEmpty(row.task_text);
    default:
      return nonEmpty(row.note) ?? nonEmpty(row.text);
  }
}

function subjectOf(row: CloseActivityRow, custom?: CustomType): string | null {
  switch (row._type) {
    case "Custom":
      return custom?.name || "Custom activity";
    case "Email":
      return nonEmpty(row.subject);
    case "Meeting":
    case "Note":
      return nonEmpty(row.title);
    case "LeadStatusChange":
      return `Lead status: ${row.old_status_label ?? "—"} → ${row.new_status_label ?? "—"}`;
    case "OpportunityStatusChange":
      return `Opportunity: ${row.old_status_label ?? "—"} → ${row.new_status_label ?? "—"}`;
    case "TaskCompleted":
      return nonEmpty(row.task_text) ? `Task completed: ${row.task_text}` : "Task completed";
    case "Created":
      return "Lead created";
    default:
      return null;
  }
}

function durationOf(row: CloseActivityRow): number | null {
  if (row._type === "Call") return row.duration ?? null;
  if (row._type === "Meeting") {
    if (row.duration != null) return row.duration;
    const s = parseCloseInstant(row.starts_at);
    const e = parseCloseInstant(row.ends_at);
    return s !== null && e !== null && e >= s ? Math.round((e - s) / 1000) : null;
  }
  return null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One Close activity; null for rows that would double count (`EmailThread`). */
export function mapCloseActivity(
  row: CloseActivityRow,
  raw: unknown = row,
  lookup?: ContactLookup,
  customTypes?: CustomTypeLookup,
): MappedActivity | null {
  const c = classify(row);
  if (!c) return null;
  const custom =
    row._type === "Custom" && row.custom_activity_type_id ? customTypes?.(row.custom_activity_type_id) : undefined;
  // activity_at is when it happened; date_created is when Close learned of it (seed 004).
  const at = parseCloseInstant(row.activity_at) ?? parseCloseInstant(row.date_created);
  if (at === null) return null; // the schema refuses such rows; kept for callers that skip it
  const body = bodyOf(row, custom);
  const actor = row.user_id || row.user_name ? { id: row.user_id ?? null, name: row.user_name ?? null } : null;
  return {
    id: `close:${row.id}`,
    vendor: "close",
    vendorType: row._type ?? "unknown",
    kind: c.kind,
    channel: c.channel,
    direction: c.direction,
    occurredAt: iso(at),
    campaignId: null,
    campaignName: null,
    sequenceStep: null,
    variant: null,
    actor,
    subject: subjectOf(row, custom),
    preview: excerpt(row._type === "Email" ? (nonEmpty(row.body_preview) ?? body) : body),
    body,
    bot: false,
    durationSeconds: durationOf(row),
    state: c.state ?? null,
    url: row.lead_id ? leadUrl(row.lead_id) : null,
    raw,
    person: row.contact_id ? personOfContact(row.contact_id, row.lead_id, lookup?.(row.contact_id)) : null,
  };
}
