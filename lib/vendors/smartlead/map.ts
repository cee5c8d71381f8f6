import "server-only";
import { htmlToText, excerpt } from "@/lib/plain-text";
import { classifyReply } from "@/lib/model/plain/reply-class";
import type { ActivityKind } from "@/lib/model/activity";
import type { MappedActivity, PersonRef } from "@/lib/vendors/types";
import { campaignUrl } from "./map-campaign";
import { smartleadCategoryVerdict } from "./reply-category";
import type { SmartleadActivityRow, SmartleadLeadRow, SmartleadThreadReplyRow } from "./schemas";

/**
 * Smartlead rows → the unified model. Smartlead's feed is lead-centric: a lead (person ×
 * campaign) carries the emails sent to it, each with open/click counts and its reply.
 * One email (`stats_id`) gives up to four events, and the lead's outcome one or two more:
 *
 *   smartlead:<stats_id>:sent      email_sent     at sent_time
 *   smartlead:<stats_id>:open      email_opened   at sent_time, when open_count > 0 (opens have no times)
 *   smartlead:<stats_id>:click     email_clicked  at sent_time, when click_count > 0
 *   smartlead:<stats_id>:reply     email_replied  at reply_details.time
 *   smartlead:<stats_id>:reply:<message_id>  email_replied  each further reply (thread_replies), at its time
 *   smartlead:<stats_id>:bounce    email_bounced  lead status BOUNCED, at the last email's sent_time
 *   smartlead:<stats_id>:unsubscribe  unsubscribed lead status UNSUBSCRIBED, at the last email's reply (else sent) time
 *   smartlead:<stats_id>:category  interested / not_interested / status_change from lead_category, same time
 *
 * Opens and clicks are dated at the send. Smartlead gives counts without times, so the
 * true time of an open is unknown; the send's time is the one date that is the same
 * whenever and however the email is read (first sync, a later re-read, a backfill years
 * later, the live path), so the items stay idempotent, a campaign's figures count the open
 * with the email it belongs to (as rates over sends need), and a sync never invents
 * "opened today" for history it imports. The cost: a late open does not move the
 * contact's last activity. `raw.open_count` / `raw.click_count` hold the latest counts.
 *
 * Lead outcomes hang on the lead's last email (`email_seq_number == current_seq_num`): the
 * feed has no bounce or unsubscribe event, a sequence stops at those outcomes, and the last
 * email is the same whichever date window or endpoint (feed or message history) it is
 * read through, so the ids stay stable and each outcome is counted once.
 */

/** Lead categories with an engagement meaning; other known ones are status changes. */
const CATEGORY_KIND: Record<string, ActivityKind> = {
  interested: "interested",
  "meeting request": "interested",
  "meeting booked": "interested",
  "not interested": "not_interested",
  "do not contact": "not_interested",
  "out of office": "status_change",
  "information request": "status_change",
  "wrong person": "status_change",
  "sender originated bounce": "status_change",
};

export function categoryKind(category: string): ActivityKind {
  return CATEGORY_KIND[category.trim().toLowerCase()] ?? "other";
}

/** One line of a body, for lists. */
export const previewOf = (text: string | null): string | null => excerpt(text);

export function personOfLead(
  leadId: string,
  email: string | null | undefined,
  extra: { name?: string | null; company?: string | null } = {},
): PersonRef {
  return {
    identities: [{ vendorId: leadId, kind: "lead" }],
    email: email ?? null,
    name: extra.name ?? null,
    company: extra.company ?? null,
  };
}

/** One email of a lead as the mapper needs it, with what to keep as `raw`. */
export interface EmailInput {
  row: SmartleadActivityRow;
  /** The vendor payload for the email's events. */
  raw: unknown;
  /** The vendor payload for the reply, when it came separately (message history REPLY). */
  replyRaw?: unknown;
  /** The email's further replies (`thread_replies`), parsed. */
  threads?: { row: SmartleadThreadReplyRow; raw: unknown }[];
}

/** The lead fields the mapper reads; all-leads-activities rows and message-history leads both provide them. */
export type LeadInput = Pick<
  SmartleadLeadRow,
  "lead_id" | "campaign_id" | "campaign_name" | "status" | "lead_category" | "current_seq_num"
>;

/**
 * The events of a lead's emails (all of them, or the subset a date window returned).
 * Steps are Smartlead's `email_seq_number`, already 1-based (seed 001: `email_seq_number: 1`,
 * `current_seq_num: 2`). The variant is the A/B label of the step's variant when tested.
 */
export function mapLeadEmails(lead: LeadInput, emails: EmailInput[]): MappedActivity[] {
  const out: MappedActivity[] = [];
  const campaignId = lead.campaign_id ?? null;
  const anchor = outcomeAnchor(lead, emails);
  for (const e of emails) {
    const a = e.row;
    const step =
      a.email_seq_number != null && Number.isInteger(a.email_seq_number) && a.email_seq_number >= 1
        ? a.email_seq_number
        : null;
    const person = personOfLead(lead.lead_id, a.to_email);
    const subject = a.subject ?? null;
    const body = a.email_body ? htmlToText(a.email_body) : null;
    const base = {
      vendor: "smartlead" as const,
      channel: "email" as const,
      campaignId: campaignId ? `smartlead:${campaignId}` : null,
      campaignName: lead.campaign_name ?? null,
      sequenceStep: step,
      variant: a.variant_label ?? a.seq_variant_id ?? null,
      bot: false,
      durationSeconds: null,
      url: campaignId ? campaignUrl(campaignId) : null,
      person,
    };
    const ev = (
      suffix: string,
      vendorType: string,
      kind: ActivityKind,
      occurredAt: string,
      more: Partial<MappedActivity> = {},
    ): MappedActivity => ({
      ...base,
      id: `smartlead:${a.stats_id}:${suffix}`,
      vendorType,
      kind,
      direction: null,
      occurredAt,
      actor: null,
      subject,
      preview: null,
      body: null,
      raw: e.raw,
      ...more,
    });
    const sender = a.from_email ? { id: a.from_email, name: a.from_email } : null;
    /**
     * A further message of the thread. The same id as the message history's REPLY entry for
     * it (mapOtherHistoryEntry), so the feed and the live path upsert one item; the first
     * reply, should the thread repeat it, is skipped. A message from the email's own
     * sender is our side writing by hand: an outbound email outside the sequence's steps
     * and out of the campaign's sends.
     */
    const threadItem = (t: SmartleadThreadReplyRow, raw: unknown): MappedActivity | null => {
      if (t.message_id && t.message_id === a.reply_details?.message_id) return null;
      const text = (t.reply_email_body ?? t.email_body) ? htmlToText((t.reply_email_body ?? t.email_body)!) : null;
      const ours =
        !!t.from_email && !!a.from_email && t.from_email.trim().toLowerCase() === a.from_email.trim().toLowerCase();
      return ev(`reply:${t.message_id ?? t.time}`, "REPLY", ours ? "email_sent" : "email_replied", t.time, {
        direction: ours ? "outbound" : "inbound",
        subject: subject ? `Re: ${subject}` : null,
        preview: previewOf(text),
        body: text,
        raw: { lead_id: lead.lead_id, campaign_id: lead.campaign_id ?? null, stats_id: a.stats_id, thread_reply: raw },
        ...(ours ? { actor: sender, campaignId: null, sequenceStep: null } : {}),
      });
    };
    out.push(
      ev("sent", "SENT", "email_sent", a.sent_time, {
        direction: "outbound",
        actor: sender,
        preview: previewOf(body),
        body,
      }),
    );
    // Opens, clicks and the lead's outcome are derived from the email's record: they keep
    // a pointer to the sent event (which holds the whole record) and the fields they came
    // from, instead of four more copies of the email and its HTML body (−8 % sync CPU).
    const derived = (more: Record<string, unknown>) => ({
      raw: { derivedFrom: `smartlead:${a.stats_id}:sent`, lead_id: lead.lead_id, stats_id: a.stats_id, ...more },
    });
    if ((a.open_count ?? 0) > 0)
      out.push(ev("open", "OPEN", "email_opened", a.sent_time, derived({ open_count: a.open_count })));
    if ((a.click_count ?? 0) > 0)
      out.push(
        ev(
          "click",
          "CLICK",
          "email_clicked",
          a.sent_time,
          derived({ click_count: a.click_count, click_details: a.click_details }),
        ),
      );
    const reply = a.reply_details;
    if (reply?.time) {
      const replyText = reply.reply_email_body ? htmlToText(reply.reply_email_body) : null;
      out.push(
        ev("reply", "REPLY", "email_replied", reply.time, {
          direction: "inbound",
          subject: subject ? `Re: ${subject}` : null,
          preview: previewOf(replyText),
          body: replyText,
          // The lead's category describes its reply on the lead's last email (issue 18).
          ...(e === anchor && lead.lead_category?.trim()
            ? {
                replyClass: classifyReply({
                  subject,
                  body: replyText,
                  categoryVerdict: smartleadCategoryVerdict(lead.lead_category),
                }),
              }
            : {}),
          raw: e.replyRaw ?? e.raw,
        }),
      );
    }
    for (const t of e.threads ?? []) {
      const item = threadItem(t.row, t.raw);
      if (item) out.push(item);
    }
    if (e === anchor) {
      const at = reply?.time ?? a.sent_time;
      const status = lead.status?.toUpperCase();
      const outcome = derived({
        status: lead.status,
        lead_category: lead.lead_category,
        current_seq_num: lead.current_seq_num,
      });
      if (status === "BOUNCED") out.push(ev("bounce", "BOUNCED", "email_bounced", a.sent_time, outcome));
      if (status === "UNSUBSCRIBED") out.push(ev("unsubscribe", "UNSUBSCRIBED", "unsubscribed", at, outcome));
      if (lead.lead_category?.trim())
        out.push(ev("category", lead.lead_category, categoryKind(lead.lead_category), at, outcome));
    }
  }
  return out;
}

/** The lead's last email, where its outcome (bounce, unsubscribe, category) is recorded. */
function outcomeAnchor(lead: LeadInput, emails: EmailInput[]): EmailInput | null {
  if (lead.current_seq_num != null) return emails.find((e) => e.row.email_seq_number === lead.current_seq_num) ?? null;
  // Without current_seq_num, only a complete list (message history) tells which is last.
  let last: EmailInput | null = null;
  for (const e of emails) if (!last || e.row.sent_time > last.row.sent_time) last = e;
  return last;
}
