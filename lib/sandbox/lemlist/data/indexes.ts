import type { LemlistActivity } from "../records";
import type { LemlistData } from "./index";

/** Fills the lookups of `data` (by lead, by campaign, leads by email and by id) from its lists, keeping their order. */
export function indexData(data: LemlistData): void {
  for (const a of data.activities) {
    pushTo(data.byLead, a.leadId, a);
    pushTo(data.byCampaign, a.campaignId, a);
  }
  for (const e of data.leads) {
    const key = e.lead.variables.email.trim().toLowerCase();
    const list = data.leadsByEmail.get(key);
    if (list) list.push(e);
    else data.leadsByEmail.set(key, [e]);
    data.leadById.set(e.lead._id, e);
  }
}

function pushTo(map: Map<string, LemlistActivity[]>, key: string | undefined, a: LemlistActivity): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(a);
  else map.set(key, [a]);
}
