import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { ConnectorContext, ConnectorSession, MappedActivity, SyncBatch } from "@/lib/vendors/types";
import type { SmartleadClient } from "./client";
import { mapLeadEmails, personOfLead, type LeadInput } from "./map";
import { historyToEmails, mapOtherHistoryEntry } from "./map-history";
import { idOf } from "./rows";
import {
  historyEntrySchema,
  issuePaths,
  leadByEmailSchema,
  leadCampaignSchema,
  type SmartleadHistoryEntry,
} from "./schemas";

/**
 * The live path for one person: `GET /leads/?email=` (an unknown email is `200 {}`), then
 * the message history of each campaign they are in. The events get the same ids as the
 * feed's, so a refresh upserts what a sync stored.
 */
export async function refreshPerson(
  client: SmartleadClient,
  ctx: ConnectorContext,
  person: Parameters<ConnectorSession["refreshPerson"]>[0],
): Promise<SyncBatch> {
  const email = person.email?.trim();
  // Smartlead finds leads by email only; a person known by lead id alone cannot be looked up.
  if (!email) return { activities: [] };
  const found = leadByEmailSchema.safeParse(await client.leadByEmail(email));
  if (!found.success) {
    ctx.warn?.("smartlead: lead lookup unreadable", { issues: issuePaths(found.error) });
    return { activities: [] };
  }
  const lead = found.data;
  if (lead.id === undefined) return { activities: [] };

  const name = [lead.first_name, lead.last_name].filter(Boolean).join(" ") || null;
  const ref = personOfLead(lead.id, lead.email ?? email, { name, company: lead.company_name ?? null });
  const activities: MappedActivity[] = [];
  for (const c of lead.lead_campaign_data ?? []) {
    const membership = leadCampaignSchema.safeParse(c);
    if (!membership.success) {
      ctx.warn?.("smartlead: skipped a lead campaign entry it could not read", {
        leadId: lead.id,
        issues: issuePaths(membership.error),
      });
      continue;
    }
    const m = membership.data;
    let history: Awaited<ReturnType<SmartleadClient["messageHistory"]>>;
    try {
      history = await client.messageHistory(m.campaign_id, lead.id);
    } catch (err) {
      if (err instanceof VendorRequestError && err.status === 404) continue; // left the campaign since the lookup
      throw err;
    }
    const entries: { row: SmartleadHistoryEntry; raw: unknown }[] = [];
    for (const raw of history.entries) {
      const e = historyEntrySchema.safeParse(raw);
      if (e.success) entries.push({ row: e.data, raw });
      else
        ctx.warn?.("smartlead: skipped a message history entry it could not read", {
          leadId: lead.id,
          statsId: idOf(raw, "stats_id"),
          issues: issuePaths(e.error),
        });
    }
    // The history is complete, so its last email is the lead's last (no current_seq_num needed).
    const leadInput: LeadInput = {
      lead_id: lead.id,
      campaign_id: m.campaign_id,
      campaign_name: m.campaign_name,
      status: m.campaign_lead_status,
      lead_category: m.lead_category,
    };
    const { emails, others } = historyToEmails(entries, history.to ?? lead.email ?? email);
    activities.push(
      ...mapLeadEmails(leadInput, emails),
      ...others.map((o) => mapOtherHistoryEntry(leadInput, o.row, o.raw)),
    );
  }
  for (const a of activities) a.person = ref;
  return { people: [ref], activities };
}
