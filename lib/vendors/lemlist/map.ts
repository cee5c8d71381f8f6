import "server-only";
import { htmlToText, excerpt } from "@/lib/plain-text";
import type { ActivityKind, Channel } from "@/lib/model/activity";
import type { MappedActivity, PersonRef } from "@/lib/vendors/types";
import type { LemlistActivityRow, LemlistLeadRow } from "./schemas";

/** lemlist's web app. Deep links need the team id, which activity rows and GET /team carry. */
export const LEMLIST_APP_URL = "https://app.lemlist.com";

export interface LemlistMapContext {
  teamId?: string | null;
}

type Direction = "outbound" | "inbound" | null;
interface KindInfo {
  kind: ActivityKind;
  channel: Channel;
  direction: Direction;
}

const k = (kind: ActivityKind, channel: Channel, direction: Direction): KindInfo => ({ kind, channel, direction });

/**
 * lemlist activity types (VENDORS.md, plural names) → the unified kinds of DESIGN.md.
 * Opens, clicks, replies, acceptances and unsubscribes are the lead's doing (inbound);
 * sends, visits, invites and calls are ours (outbound); classifications have no direction.
 */
export const LEMLIST_KINDS: Readonly<Record<string, KindInfo>> = {
  emailsSent: k("email_sent", "email", "outbound"),
  emailsOpened: k("email_opened", "email", "inbound"),
  emailsClicked: k("email_clicked", "email", "inbound"),
  emailsReplied: k("email_replied", "email", "inbound"),
  emailsBounced: k("email_bounced", "email", "outbound"),
  emailsFailed: k("email_failed", "email", "outbound"),
  emailsSendFailed: k("email_failed", "email", "outbound"),
  emailsInterested: k("interested", "email", null),
  linkedinInterested: k("interested", "linkedin", null),
  manualInterested: k("interested", "system", null),
  emailsNotInterested: k("not_interested", "email", null),
  linkedinNotInterested: k("not_interested", "linkedin", null),
  manualNotInterested: k("not_interested", "system", null),
  emailsUnsubscribed: k("unsubscribed", "email", "inbound"),
  linkedinSent: k("linkedin_message_sent", "linkedin", "outbound"),
  // The lead opened our LinkedIn message: DESIGN's kinds have no LinkedIn open, so it is an
  // event of that message, inbound (docs/vendor-assumptions.md).
  linkedinOpened: k("linkedin_message_sent", "linkedin", "inbound"),
  // Following the lead's profile is, like a visit, something we do on their profile.
  linkedinFollowDone: k("linkedin_visit", "linkedin", "outbound"),
  linkedinVoiceNoteDone: k("linkedin_message_sent", "linkedin", "outbound"),
  linkedinReplied: k("linkedin_replied", "linkedin", "inbound"),
  linkedinVisitDone: k("linkedin_visit", "linkedin", "outbound"),
  linkedinInviteDone: k("linkedin_invite_sent", "linkedin", "outbound"),
  linkedinInviteAccepted: k("linkedin_invite_accepted", "linkedin", "inbound"),
  aircallCreated: k("call", "phone", "outbound"),
  aircallDone: k("call", "phone", "outbound"),
  aircallEnded: k("call", "phone", "outbound"),
  annotated: k("note", "note", null),
  manualDone: k("task_completed", "system", null),
  paused: k("sequence_event", "system", null),
  resumed: k("sequence_event", "system", null),
  skipped: k("sequence_event", "system", null),
  sendLimitReached: k("sequence_event", "system", null),
  connectionIssue: k("sequence_event", "system", null),
  apiDone: k("system", "system", null),
  apiFailed: k("system", "system", null),
  linkedinVisitFailed: k("system", "linkedin", null),
  linkedinInviteFailed: k("system", "linkedin", null),
  opportunitiesDone: k("system", "system", null),
  // Lead-state aggregates: they restate events already counted, so they are never engagement.
  contacted: k("system", "system", null),
  hooked: k("system", "system", null),
  attracted: k("system", "system", null),
  warmed: k("system", "system", null),
  interested: k("system", "system", null),
  notInterested: k("system", "system", null),
};

/**
 * The plural name for a singular one: seed 000's schema text names the types `emailOpened`,
 * `emailClicked`, `emailReplied` while its examples (and VENDORS.md) use `emailsOpened`…;
 * both are read as the same type.
 */
export function canonicalLemlistType(type: string): string {
  if (LEMLIST_KINDS[type]) return type;
  const plural = type.replace(/^email(?!s)(?=[A-Z])/, "emails").replace(/^opportunityDone$/, "opportunitiesDone");
  return LEMLIST_KINDS[plural] ? plural : type;
}

/** Known and unknown types alike: anything not in the table is `other`, on the channel its prefix names. */
export function lemlistKind(type: string): KindInfo {
  const known = LEMLIST_KINDS[canonicalLemlistType(type)];
  if (known) return known;
  const channel: Channel = type.startsWith("email")
    ? "email"
    : type.startsWith("linkedin")
      ? "linkedin"
      : type.startsWith("aircall")
        ? "phone"
        : type.startsWith("whatsapp")
          ? "whatsapp"
          : "system";
  return { kind: "other", channel, direction: null };
}

export const nonEmpty = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

export const iso = (s: string): string => new Date(Date.parse(s)).toISOString();

/** ≤ 200 characters of plain text: the message itself, without the quoted thread. */
export function previewOf(text: string | null): string | null {
  if (!text) return null;
  const own = text.split(/\n\s*On .{4,200}wrote:\s*\n/)[0]!;
  const lines = own.split("\n").filter((l) => !l.trimStart().startsWith(">"));
  return excerpt(lines.join(" "));
}

/** sequenceTested as an A/B label: "a" → "A", 1 → "B"; booleans say nothing about which variant. */
export function variantOf(v: string | number | boolean | null | undefined): string | null {
  if (typeof v === "string") return nonEmpty(v)?.toUpperCase().slice(0, 16) ?? null;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 26) return String.fromCharCode(65 + v);
  return null;
}

export function contactUrl(teamId: string | null | undefined, contactId: string | null | undefined): string | null {
  return teamId && contactId ? `${LEMLIST_APP_URL}/teams/${teamId}/contacts/${contactId}` : null;
}

export function campaignUrl(teamId: string | null | undefined, campaignId: string | null | undefined): string | null {
  return teamId && campaignId ? `${LEMLIST_APP_URL}/teams/${teamId}/campaigns/${campaignId}` : null;
}

export function personRef(o: {
  teamId: string | null;
  contactId: string | null;
  leadId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
}): PersonRef | null {
  const identities: PersonRef["identities"] = [];
  if (o.contactId) identities.push({ vendorId: o.contactId, kind: "contact", url: contactUrl(o.teamId, o.contactId) });
  if (o.leadId) identities.push({ vendorId: o.leadId, kind: "lead", url: null });
  if (!identities.length && !o.email) return null;
  const name = [o.firstName, o.lastName].filter(Boolean).join(" ").trim();
  return { identities, email: o.email, name: name || null, company: o.company };
}

const str = (v: unknown): string | null => (typeof v === "string" ? nonEmpty(v) : null);

/** `raw` is the row as received (before lenient parsing touched it). */
export function mapLemlistActivity(
  row: LemlistActivityRow,
  ctx: LemlistMapContext = {},
  raw: unknown = row,
): MappedActivity {
  const info = lemlistKind(row.type);
  const teamId = row.teamId ?? ctx.teamId ?? null;
  const vars = row.lead?.variables ?? null;
  const contactId = nonEmpty(row.contactId) ?? nonEmpty(row.lead?.contactId);
  const leadId = nonEmpty(row.leadId) ?? nonEmpty(row.lead?._id);
  const body = nonEmpty(row.text) ?? (row.html ? nonEmpty(htmlToText(row.html)) : null) ?? nonEmpty(row.note);
  const step = row.sequenceStep;
  const actorId = row.sendUserId ?? row.userId ?? row.createdBy ?? null;
  const actorName = nonEmpty(row.userName);
  const campaignId = nonEmpty(row.campaignId);
  const mapped: MappedActivity = {
    id: `lemlist:${row._id}`,
    vendor: "lemlist",
    vendorType: row.type,
    kind: info.kind,
    channel: info.channel,
    direction: info.direction,
    occurredAt: iso(row.createdAt),
    campaignId: campaignId ? `lemlist:${campaignId}` : null,
    campaignName: nonEmpty(row.campaignName) ?? nonEmpty(row.name),
    // lemlist counts steps from 0 (seed 000); Touchline from 1.
    sequenceStep: typeof step === "number" && Number.isInteger(step) && step >= 0 ? step + 1 : null,
    variant: variantOf(row.sequenceTested),
    actor: actorId || actorName ? { id: actorId, name: actorName } : null,
    subject: nonEmpty(row.emailSubject) ?? nonEmpty(row.subject),
    preview: nonEmpty(row.emailPreview) ? previewOf(row.emailPreview!) : previewOf(body),
    body,
    bot: row.bot === true,
    url:
      contactUrl(teamId, contactId) ??
      (row.companyId && teamId ? `${LEMLIST_APP_URL}/teams/${teamId}/companies/${row.companyId}` : null) ??
      campaignUrl(teamId, campaignId),
    raw,
    person: personRef({
      teamId,
      contactId,
      leadId,
      email: nonEmpty(row.leadEmail) ?? str(vars?.email),
      firstName: nonEmpty(row.leadFirstName) ?? str(vars?.firstName),
      lastName: nonEmpty(row.leadLastName) ?? str(vars?.lastName),
      company: nonEmpty(row.leadCompanyName) ?? str(vars?.companyName),
    }),
  };
  if (info.kind === "call" && typeof row.duration === "number" && row.duration >= 0)
    mapped.durationSeconds = Math.round(row.duration);
  return mapped;
}

/** A lead of `GET /leads/{email}` as a person reference. */
export function lemlistLeadPerson(row: LemlistLeadRow, ctx: LemlistMapContext = {}): PersonRef | null {
  const vars = row.variables ?? null;
  return personRef({
    teamId: ctx.teamId ?? null,
    contactId: nonEmpty(row.contactId),
    leadId: nonEmpty(row._id) ?? nonEmpty(row.id),
    email: nonEmpty(row.email) ?? str(vars?.email),
    firstName: nonEmpty(row.firstName) ?? str(vars?.firstName),
    lastName: nonEmpty(row.lastName) ?? str(vars?.lastName),
    company: nonEmpty(row.companyName) ?? str(vars?.companyName),
  });
}
