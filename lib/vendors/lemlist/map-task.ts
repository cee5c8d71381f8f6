import "server-only";
import type { MappedTask } from "@/lib/vendors/types";
import { contactUrl, iso, LEMLIST_APP_URL, nonEmpty, personRef, type LemlistMapContext } from "./map";
import type { LemlistTaskRow } from "./schemas";

/** lemlist task types (seed 002's list) → Touchline's task types. */
export const LEMLIST_TASK_TYPES: Readonly<Record<string, string>> = {
  manual: "manual",
  phone: "call",
  linkedinInvite: "linkedin",
  linkedinSend: "linkedin",
  linkedinVoiceNote: "linkedin",
  linkedinReplied: "linkedin",
  emailsReplied: "email",
  opportunityReplied: "email",
  opportunityClicked: "email",
  email: "email",
  whatsappMessage: "whatsapp",
};

/**
 * lemlist gives `dueDate` as an ISO instant. A "day" task is stored as midnight UTC
 * (e.g. `2026-11-25T00:00:00.000Z`): that is read as the calendar day, never shifted
 * through a time zone. A bare `YYYY-MM-DD` is a day too.
 */
export function lemlistDue(value: string | null | undefined): {
  dueAt: string | null;
  dueDate: string | null;
  dueIsDateOnly: boolean;
} {
  const v = nonEmpty(value);
  if (!v) return { dueAt: null, dueDate: null, dueIsDateOnly: false };
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && Number.isFinite(Date.parse(v)))
    return { dueAt: `${v}T00:00:00.000Z`, dueDate: v, dueIsDateOnly: true };
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return { dueAt: null, dueDate: null, dueIsDateOnly: false };
  const at = new Date(t).toISOString();
  if (at.endsWith("T00:00:00.000Z")) return { dueAt: at, dueDate: at.slice(0, 10), dueIsDateOnly: true };
  return { dueAt: at, dueDate: null, dueIsDateOnly: false };
}

/** Seed 002 shows priorities 1 and 2; lemlist's scale is read as 1 low, 2 medium, 3 high. */
export function lemlistPriority(p: number | string | null | undefined): "low" | "medium" | "high" | null {
  if (typeof p === "string") {
    const s = p.trim().toLowerCase();
    if (s === "low" || s === "medium" || s === "high") return s;
    return /^\d+$/.test(s) ? lemlistPriority(Number(s)) : null;
  }
  if (p === 1) return "low";
  if (p === 2) return "medium";
  if (typeof p === "number" && p >= 3) return "high";
  return null;
}

export function mapLemlistTask(row: LemlistTaskRow, ctx: LemlistMapContext = {}, raw: unknown = row): MappedTask {
  const vendorType = nonEmpty(row.type) ?? "unknown";
  const teamId = ctx.teamId ?? null;
  const contactId = nonEmpty(row.contactId);
  const campaignId = nonEmpty(row.campaignId);
  const created = row.createdAt && Number.isFinite(Date.parse(row.createdAt)) ? iso(row.createdAt) : null;
  const userId = nonEmpty(row.userId);
  return {
    id: `lemlist:${row._id}`,
    vendor: "lemlist",
    vendorType,
    type: LEMLIST_TASK_TYPES[vendorType] ?? "other",
    title: nonEmpty(row.title) ?? `lemlist ${vendorType} task`,
    body: nonEmpty(row.content),
    // lemlist lists open tasks only: a listed task is open; done ones vanish (reconciled by the engine).
    status: "open",
    ...lemlistDue(row.dueDate),
    priority: lemlistPriority(row.priority),
    assignee: userId || row.userName ? { id: userId, name: nonEmpty(row.userName) } : null,
    campaignId: campaignId ? `lemlist:${campaignId}` : null,
    url: contactUrl(teamId, contactId) ?? (teamId ? `${LEMLIST_APP_URL}/teams/${teamId}/tasks` : null),
    createdAt: created,
    raw,
    person: personRef({
      teamId,
      contactId,
      leadId: nonEmpty(row.leadId),
      email: null,
      firstName: null,
      lastName: null,
      company: null,
    }),
  };
}
