import "server-only";
import type { MappedTask } from "@/lib/vendors/types";
import { leadUrl, personOfContact, type ContactLookup } from "./map";
import { isDateOnly, parseCloseInstant, type CloseTaskRow } from "./schemas";

/** Close tasks → the unified model (see map.ts for people). Pure; `raw` is the row as received. */

const iso = (ms: number) => new Date(ms).toISOString();
const nonEmpty = (s: string | null | undefined) => (s && s.trim() ? s : null);

const TASK_TYPE: Record<string, string> = {
  lead: "manual",
  incoming_email: "email",
  email_followup: "email",
  missed_call: "call",
  answered_detached_call: "call",
  voicemail: "call",
  incoming_sms: "other",
  opportunity_due: "other",
};

const TASK_TITLE: Record<string, string> = {
  incoming_email: "Reply to an incoming email",
  email_followup: "Follow up on an email",
  missed_call: "Missed call",
  answered_detached_call: "Log an answered call",
  voicemail: "Voicemail",
  incoming_sms: "Reply to an SMS",
  opportunity_due: "Opportunity due",
};

export function mapCloseTask(row: CloseTaskRow, raw: unknown = row, lookup?: ContactLookup): MappedTask {
  const type = row._type ?? "lead";
  let dueAt: string | null = null;
  let dueDate: string | null = null;
  let dueIsDateOnly = false;
  if (row.date && row.is_dateless !== true) {
    if (isDateOnly(row.date)) {
      // A calendar day stays a day: never through a time zone.
      dueDate = row.date.trim();
      dueAt = `${dueDate}T00:00:00.000Z`;
      dueIsDateOnly = true;
    } else {
      const ms = parseCloseInstant(row.date);
      dueAt = ms === null ? null : iso(ms);
    }
  }
  const created = parseCloseInstant(row.date_created);
  const known = row.contact_id ? lookup?.(row.contact_id) : undefined;
  return {
    id: `close:${row.id}`,
    vendor: "close",
    vendorType: type,
    type: TASK_TYPE[type] ?? "other",
    title: nonEmpty(row.text)?.trim() ?? TASK_TITLE[type] ?? "Close task",
    body: null,
    status: row.is_complete ? "done" : "open",
    dueAt,
    dueDate,
    dueIsDateOnly,
    priority: null,
    assignee:
      row.assigned_to || row.assigned_to_name
        ? { id: row.assigned_to ?? null, name: row.assigned_to_name ?? null }
        : null,
    campaignId: null,
    campaignName: null,
    url: row.lead_id ? leadUrl(row.lead_id) : null,
    createdAt: created === null ? null : iso(created),
    raw,
    person: row.contact_id
      ? personOfContact(row.contact_id, row.lead_id, {
          ...known,
          name: known?.name ?? row.contact_name ?? null,
          company: known?.company ?? row.lead_name ?? null,
        })
      : null,
  };
}
