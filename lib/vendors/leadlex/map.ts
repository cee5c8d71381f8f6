import "server-only";
import { excerpt, htmlToText } from "@/lib/plain-text";
import type { ActivityKind, Channel } from "@/lib/model/activity";
import type { MappedActivity, MappedCampaign, MappedTask, PersonRef } from "@/lib/vendors/types";
import type { ActivityRow, CampaignRow, CampaignStats, ContactRow, TaskRow } from "./schemas";
import { dateOnly, toIso } from "./time";

/** Leadlex rows → the unified model. Pure: no I/O, no clock. */

export const APP_URL = "https://app.leadlex.com";
const enc = encodeURIComponent;

export const contactUrl = (contactId: string) => `${APP_URL}/contacts/${enc(contactId)}`;

/** A contact row as a person: identity = the contact uuid (kind "contact"). */
export function personOfContact(c: ContactRow): PersonRef {
  const name = c.full_name?.trim() || [c.first_name, c.last_name].filter(Boolean).join(" ").trim() || null;
  return {
    identities: [{ vendorId: c.id, kind: "contact", url: contactUrl(c.id) }],
    email: c.email?.trim() || null,
    name,
    company: c.company_name?.trim() || null,
  };
}

/** A person known only by the contact id a row points at (tasks, activities of an unlisted contact). */
export function personOfContactId(contactId: string | null | undefined): PersonRef | null {
  return contactId ? { identities: [{ vendorId: contactId, kind: "contact", url: contactUrl(contactId) }] } : null;
}

interface KindRule {
  kind: ActivityKind;
  channel: Channel;
  direction: "outbound" | "inbound" | null;
}

/** VENDORS.md activity types (seed 003) and the ones seen in the wild; anything else is `other`. */
const KINDS: Record<string, KindRule> = {
  call: { kind: "call", channel: "phone", direction: "outbound" },
  email: { kind: "email_sent", channel: "email", direction: "outbound" },
  meeting: { kind: "meeting", channel: "meeting", direction: null },
  note: { kind: "note", channel: "note", direction: null },
  task: { kind: "task_completed", channel: "system", direction: null },
  ai_action: { kind: "system", channel: "system", direction: null },
  deal_stage_change: { kind: "status_change", channel: "system", direction: null },
  list_added: { kind: "system", channel: "system", direction: null },
  campaign_sent: { kind: "email_sent", channel: "email", direction: "outbound" },
  campaign_replied: { kind: "email_replied", channel: "email", direction: "inbound" },
  campaign_bounced: { kind: "email_bounced", channel: "email", direction: "outbound" },
};
const OTHER: KindRule = { kind: "other", channel: "system", direction: null };

const INBOUND = new Set(["inbound", "incoming", "received", "in"]);
const OUTBOUND = new Set(["outbound", "outgoing", "sent", "out"]);

function directionFrom(meta: Record<string, unknown>, fallback: KindRule["direction"]): KindRule["direction"] {
  const d = typeof meta.direction === "string" ? meta.direction.toLowerCase() : null;
  if (d && INBOUND.has(d)) return "inbound";
  if (d && OUTBOUND.has(d)) return "outbound";
  return fallback;
}

function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** Plain text of a body (it may be HTML) on one line, at most 200 characters. */
export const previewOf = (body: string | null | undefined): string | null => excerpt(htmlToText(body));

export function mapActivity(a: ActivityRow, raw: unknown, person: PersonRef | null): MappedActivity {
  const rule = KINDS[a.type] ?? OTHER;
  const meta = a.metadata;
  const campaignId = a.entity_type === "campaign" && a.entity_id ? a.entity_id : null;
  const step = campaignId ? num(meta.step ?? meta.sequence_step) : null;
  const variant = campaignId
    ? (str(meta.variant) ?? (typeof meta.variant === "number" ? String(meta.variant) : null))
    : null;
  const duration = a.type === "call" ? num(meta.duration ?? meta.duration_seconds) : null;
  const contactId = a.contact_id ?? null;
  return {
    id: `leadlex:${a.id}`,
    vendor: "leadlex",
    vendorType: a.type,
    kind: rule.kind,
    channel: rule.channel,
    direction: rule.direction === null ? null : directionFrom(meta, rule.direction),
    occurredAt: toIso(a.created_date) ?? toIso(a.created_at)!,
    campaignId: campaignId ? `leadlex:${campaignId}` : null,
    campaignName: campaignId ? (a.entity_name ?? null) : null,
    // Leadlex numbers steps from 1 already; anything below is not a step.
    sequenceStep: step !== null && Number.isInteger(step) && step >= 1 ? step : null,
    variant,
    actor: a.created_by_user_id ? { id: a.created_by_user_id, name: null } : null,
    subject: str(meta.subject) ?? a.title ?? null,
    preview: previewOf(a.description),
    body: a.description ?? null,
    bot: false,
    durationSeconds: duration,
    url: contactId ? `${contactUrl(contactId)}?activity=${enc(a.id)}` : null,
    person: person ?? personOfContactId(contactId),
    raw,
  };
}

/** Flags on an email's `metadata` (seed 003: `{opened, replied}`; `clicked` where present) and the items they become. */
const FLAGS: { flag: string; kind: ActivityKind; direction: MappedActivity["direction"] }[] = [
  { flag: "opened", kind: "email_opened", direction: null },
  { flag: "clicked", kind: "email_clicked", direction: null },
  { flag: "replied", kind: "email_replied", direction: "inbound" },
];

const isTrue = (v: unknown) => v === true || v === "true" || v === 1;

/**
 * An activity row and the engagement its flags record. Leadlex keeps an email's opens and
 * replies as `metadata: {opened, replied}` flags on the email itself (seed 003's example),
 * so they become `email_opened` / `email_replied` items the way other vendors' counts do:
 * dated at the email unless the metadata gives a time (`opened_at`, …), marked as derived
 * (`raw.derivedFrom` points at the email), with the email's campaign, step and variant so
 * they count in its engagement. Inbound emails carry no such flags.
 */
export function mapActivityRows(a: ActivityRow, raw: unknown, person: PersonRef | null): MappedActivity[] {
  const email = mapActivity(a, raw, person);
  if (email.kind !== "email_sent" || email.direction === "inbound") return [email];
  const out = [email];
  for (const f of FLAGS) {
    if (!isTrue(a.metadata[f.flag])) continue;
    out.push({
      ...email,
      id: `${email.id}:${f.flag}`,
      vendorType: `${a.type}.${f.flag}`,
      kind: f.kind,
      direction: f.direction,
      occurredAt: toIso(a.metadata[`${f.flag}_at`]) ?? email.occurredAt,
      actor: null,
      preview: null,
      body: null,
      durationSeconds: null,
      raw: { derivedFrom: email.id, [f.flag]: true },
    });
  }
  return out;
}

const TASK_TYPES: Record<string, string> = {
  call: "call",
  phone: "call",
  email: "email",
  meeting: "meeting",
  demo: "meeting",
  linkedin: "linkedin",
  whatsapp: "whatsapp",
  follow_up: "manual",
  todo: "manual",
  manual: "manual",
  task: "manual",
};

function taskStatus(s: string | null | undefined): MappedTask["status"] {
  const v = (s ?? "").toLowerCase();
  if (v === "completed" || v === "done" || v === "complete") return "done";
  if (v === "cancelled" || v === "canceled" || v === "skipped" || v === "archived") return "ignored";
  return "open"; // open, in_progress, and anything new that is not clearly finished
}

export function mapTask(t: TaskRow, raw: unknown, person: PersonRef | null): MappedTask {
  const vendorType = t.task_type ?? "task";
  const key = vendorType.toLowerCase();
  const day = dateOnly(t.due_date);
  const priority = (t.priority ?? "").toLowerCase();
  return {
    id: `leadlex:${t.id}`,
    vendor: "leadlex",
    vendorType,
    type: TASK_TYPES[key] ?? (key.startsWith("linkedin") ? "linkedin" : "other"),
    title: t.title?.trim() || "(untitled task)",
    body: t.description ?? null,
    status: taskStatus(t.status),
    // A calendar day stays a calendar day: midnight UTC of that day, flagged date-only.
    dueAt: day ? `${day}T00:00:00.000Z` : toIso(t.due_date),
    dueDate: day,
    dueIsDateOnly: day !== null,
    priority:
      priority === "low" || priority === "medium" || priority === "high"
        ? priority
        : priority === "urgent"
          ? "high"
          : null,
    assignee: t.assigned_to_user_id ? { id: t.assigned_to_user_id, name: null } : null,
    campaignId: null,
    url: `${APP_URL}/tasks/${enc(t.id)}`,
    createdAt: toIso(t.created_date) ?? toIso(t.created_at),
    person: person ?? personOfContactId(t.contact_id),
    raw,
  };
}

function campaignStatus(s: string | null | undefined): MappedCampaign["status"] {
  switch ((s ?? "").toLowerCase()) {
    case "draft":
      return "draft";
    case "active":
    case "running":
    case "live":
    case "sending":
    case "scheduled":
      return "active";
    case "paused":
    case "stopped":
      return "paused";
    case "completed":
    case "finished":
    case "ended":
      return "completed";
    case "archived":
      return "archived";
    default:
      return "other";
  }
}

/** The vendor's own numbers: counts under the unified names, rates (0–1, over sends) as `<name>Rate`. */
export function vendorReportedOf(s: CampaignStats | null): Record<string, number | null> | null {
  if (!s) return null;
  const pairs: [string, number | null | undefined][] = [
    ["sent", s.sent_count],
    ["opened", s.opened_count],
    ["clicked", s.clicked_count],
    ["replied", s.replied_count],
    ["bounced", s.bounced_count],
    ["unsubscribed", s.unsubscribed_count],
    ["openRate", s.open_rate],
    ["clickRate", s.click_rate],
    ["replyRate", s.reply_rate],
    ["bounceRate", s.bounce_rate],
    ["unsubscribeRate", s.unsubscribe_rate],
  ];
  const out: Record<string, number | null> = {};
  for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : null;
}

export function mapCampaign(c: CampaignRow, raw: unknown, stats: CampaignStats | null): MappedCampaign {
  return {
    id: `leadlex:${c.id}`,
    vendor: "leadlex",
    vendorId: c.id,
    name: c.name?.trim() || c.id,
    status: campaignStatus(c.status),
    vendorStatus: c.status ?? null,
    createdAt: toIso(c.created_at) ?? toIso(c.created_date),
    vendorReported: vendorReportedOf(stats),
    url: `${APP_URL}/campaigns/${enc(c.id)}`,
    raw,
  };
}
