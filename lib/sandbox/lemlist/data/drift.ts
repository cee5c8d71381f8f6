import type { LemlistActivity } from "../records";
import * as T from "../text";
import type { LemlistData } from "./index";
import { derivedRow } from "./rows";
import { insertSorted } from "./sorted";
import { iso } from "./time";

/**
 * Page drift: `n` new activities created at `now` — repeat opens of earlier sends (or a
 * company note when nothing was sent) — inserted in order into every index.
 */
export function addLemlistDriftItems(data: LemlistData, n: number, now: Date): LemlistActivity[] {
  const rng = data.driftRng;
  const t = now.getTime();
  const added: LemlistActivity[] = [];
  for (let i = 0; i < n; i++) {
    const send = data.sends.length ? data.sends[Math.floor(rng.next() * data.sends.length)]! : null;
    let a: LemlistActivity;
    if (send && Date.parse(send.createdAt) <= t) {
      a = derivedRow(send, "emailsOpened", t, `act_${rng.id()}`);
    } else {
      const u = data.users[0]!;
      a = {
        _id: `act_${rng.id()}`,
        teamId: data.team._id,
        companyId: `cpn_${rng.id()}`,
        type: "annotated",
        createdAt: iso(t),
        note: rng.pick(T.COMPANY_NOTES),
        sendUserId: u._id,
        userId: u._id,
      };
    }
    insertSorted(data.activities, a);
    if (a.leadId)
      insertSorted(data.byLead.get(a.leadId) ?? (data.byLead.set(a.leadId, []).get(a.leadId) as LemlistActivity[]), a);
    if (a.campaignId)
      insertSorted(
        data.byCampaign.get(a.campaignId) ??
          (data.byCampaign.set(a.campaignId, []).get(a.campaignId) as LemlistActivity[]),
        a,
      );
    added.push(a);
  }
  return added;
}
