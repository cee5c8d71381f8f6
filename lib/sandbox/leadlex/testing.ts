import type { LeadlexActivity } from "./records";

/**
 * A campaign send in either form: the seed's `email` in a campaign (a reply is a flag on it)
 * or a `campaign_sent` (a reply is a `campaign_replied` row of its own).
 */
export const isCampaignSend = (a: LeadlexActivity) =>
  a.type === "campaign_sent" || (a.type === "email" && a.entity_type === "campaign");

/**
 * A campaign's counts recounted from its activity rows, apart from the generator's own
 * bookkeeping: what the tests hold the stored counts and the stats endpoint to.
 */
export function recountCampaign(rows: LeadlexActivity[]) {
  const sent = rows.filter(isCampaignSend);
  return {
    sent: sent.length,
    opened: sent.filter((a) => a.metadata.opened).length,
    clicked: sent.filter((a) => a.metadata.clicked).length,
    replied: rows.filter((a) => a.type === "campaign_replied").length + sent.filter((a) => a.metadata.replied).length,
    bounced: rows.filter((a) => a.type === "campaign_bounced").length,
    unsubscribed: sent.filter((a) => a.metadata.unsubscribed).length,
  };
}
