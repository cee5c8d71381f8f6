import "server-only";
import { htmlToText } from "@/lib/plain-text";
import type { MappedActivity } from "@/lib/vendors/types";
import { campaignUrl } from "./map-campaign";
import { personOfLead, previewOf, type EmailInput, type LeadInput } from "./map";
import type { SmartleadHistoryEntry } from "./schemas";

/**
 * Message history (SENT and REPLY entries) → the lead's emails, so the live path yields the
 * same events and ids as the feed. A REPLY joins the SENT with its stats_id, else the
 * latest SENT before it. Entries of other types are returned apart, as `other` events.
 */
export function historyToEmails(
  entries: { row: SmartleadHistoryEntry; raw: unknown }[],
  toEmail: string | null,
): { emails: EmailInput[]; others: { row: SmartleadHistoryEntry; raw: unknown }[] } {
  const sorted = [...entries].sort((x, y) => x.row.time.localeCompare(y.row.time));
  const emails: EmailInput[] = [];
  const others: { row: SmartleadHistoryEntry; raw: unknown }[] = [];
  for (const { row, raw } of sorted) {
    const type = row.type.toUpperCase();
    if (type === "SENT" && row.stats_id) {
      emails.push({
        row: {
          stats_id: row.stats_id,
          message_id: row.message_id,
          subject: row.subject,
          email_body: row.email_body,
          sent_time: row.time,
          from_email: row.from,
          to_email: row.to ?? toEmail,
          email_seq_number: row.email_seq_number,
          open_count: row.open_count,
          click_count: row.click_count,
          reply_details: null,
          seq_variant_id: row.seq_variant_id,
          variant_label: row.variant_label,
        },
        raw,
      });
    } else if (type === "REPLY") {
      const target = (row.stats_id && emails.find((e) => e.row.stats_id === row.stats_id)) || emails.at(-1);
      if (target && !target.row.reply_details) {
        target.row.reply_details = { time: row.time, reply_email_body: row.email_body, message_id: row.message_id };
        target.replyRaw = raw;
      } else others.push({ row, raw });
    } else others.push({ row, raw });
  }
  return { emails, others };
}

/**
 * A history entry outside the SENT/REPLY pairing: a further reply in the thread stays a
 * reply; a type Touchline does not know is kept as `other` with its own type string.
 */
export function mapOtherHistoryEntry(lead: LeadInput, row: SmartleadHistoryEntry, raw: unknown): MappedActivity {
  const campaignId = lead.campaign_id ?? null;
  const text = row.email_body ? htmlToText(row.email_body) : null;
  const isReply = row.type.toUpperCase() === "REPLY";
  return {
    id: `smartlead:${row.stats_id ?? "history"}:${row.type.toLowerCase()}:${row.message_id ?? row.time}`,
    vendor: "smartlead",
    vendorType: row.type,
    kind: isReply ? "email_replied" : "other",
    channel: "email",
    direction: isReply ? "inbound" : null,
    occurredAt: row.time,
    campaignId: campaignId ? `smartlead:${campaignId}` : null,
    campaignName: lead.campaign_name ?? null,
    sequenceStep:
      row.email_seq_number != null && Number.isInteger(row.email_seq_number) && row.email_seq_number >= 1
        ? row.email_seq_number
        : null,
    variant: null,
    actor: null,
    subject: row.subject ?? null,
    preview: previewOf(text),
    body: text,
    bot: false,
    durationSeconds: null,
    url: campaignId ? campaignUrl(campaignId) : null,
    raw,
    person: personOfLead(lead.lead_id, isReply ? row.from : row.to),
  };
}
