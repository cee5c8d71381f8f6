import { LEAD_STATUSES, OPP_STATUSES } from "../texts";
import type { LeadCtx } from "./accounts";
import type { Gen } from "./context";

/** Lead-level items without a contact: the Created activity, lead and opportunity status changes (chained per lead). */

export function created(g: Gen, lc: LeadCtx): void {
  const a = g.base("Created", lc, null, lc.owner, lc.createdMs, lc.createdMs);
  Object.assign(a, { source: g.rng.pick(["ui", "api", "import"]), import_id: null });
  g.acts.push(a);
}

export function leadStatusChange(g: Gen, lc: LeadCtx): void {
  const at = g.episodeStart(lc);
  const user = g.rng.pick(g.users);
  const a = g.base("LeadStatusChange", lc, null, user, g.syncedAt(at, 0), at);
  lc.statusChanges.push({ a, at });
  g.acts.push(a);
}

export function opportunityStatusChange(g: Gen, lc: LeadCtx): void {
  const at = g.episodeStart(lc);
  const a = g.base("OpportunityStatusChange", lc, null, lc.owner, g.syncedAt(at, 0), at);
  lc.oppChanges.push({ a, at });
  g.acts.push(a);
}

/** Status changes form a chain per lead, in the order they happened; the lead ends in the last status. */
export function chainStatuses(g: Gen): void {
  const { rng, statusIds, oppStatusIds } = g;
  for (const lc of g.leadCtxs) {
    lc.statusChanges.sort((x, y) => x.at - y.at);
    let cur = 0;
    for (const { a } of lc.statusChanges) {
      const next = (cur + 1 + rng.int(0, LEAD_STATUSES.length - 2)) % LEAD_STATUSES.length;
      Object.assign(a, {
        old_status_id: statusIds[cur],
        old_status_label: LEAD_STATUSES[cur],
        new_status_id: statusIds[next],
        new_status_label: LEAD_STATUSES[next],
      });
      cur = next;
    }
    lc.lead.status_id = statusIds[cur]!;
    lc.lead.status_label = LEAD_STATUSES[cur]!;
    lc.oppChanges.sort((x, y) => x.at - y.at);
    let oc = 0;
    for (const { a } of lc.oppChanges) {
      const next = (oc + 1 + rng.int(0, OPP_STATUSES.length - 2)) % OPP_STATUSES.length;
      const value = lc.opportunityValue;
      Object.assign(a, {
        opportunity_id: lc.opportunityId,
        old_status_id: oppStatusIds[oc],
        old_status_label: OPP_STATUSES[oc]!.label,
        old_status_type: OPP_STATUSES[oc]!.type,
        new_status_id: oppStatusIds[next],
        new_status_label: OPP_STATUSES[next]!.label,
        new_status_type: OPP_STATUSES[next]!.type,
        opportunity_value: value,
        opportunity_value_currency: "EUR",
        opportunity_value_formatted: `€${(value / 100).toLocaleString("en-US")}`,
        opportunity_value_period: "one_time",
        opportunity_confidence: OPP_STATUSES[next]!.type === "won" ? 100 : OPP_STATUSES[next]!.type === "lost" ? 0 : 50,
      });
      oc = next;
    }
  }
}
