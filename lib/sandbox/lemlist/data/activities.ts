import type { Person } from "@/lib/sandbox/shared/world";
import type { LemlistActivity } from "../records";
import * as T from "../text";
import type { CampaignPlan } from "./campaigns";
import type { Gen } from "./context";
import { enrol } from "./enrol";
import { derivedRow } from "./rows";
import { iso } from "./time";

/**
 * The activity history, oldest first: a few notes on companies, then leads enrolled one
 * (person, campaign) pair at a time in shuffled order until the target is reached, then
 * repeat opens if it still is not.
 */
export function generateActivities(g: Gen, people: Person[], plans: CampaignPlan[], target: number): LemlistActivity[] {
  const { rng, users, start, span, now, rows, times } = g;
  const active = plans.filter((p) => p.campaign.status !== "draft");
  let count = 0;
  if (people.length && active.length) {
    const pairs: number[] = [];
    for (let i = 0; i < people.length; i++) for (let j = 0; j < active.length; j++) pairs.push(i * active.length + j);
    rng.shuffle(pairs);
    const companyNotes = Math.max(1, Math.round(target * 0.002));
    for (let k = 0; k < companyNotes; k++) {
      const p = rng.pick(people);
      const u = rng.pick(users);
      const t = start + rng.next() * span;
      rows.push({
        _id: g.rowId(),
        teamId: g.teamId,
        companyId: g.companyIds.get(p.company)!,
        type: "annotated",
        createdAt: iso(t),
        note: rng.pick(T.COMPANY_NOTES),
        sendUserId: u._id,
        userId: u._id,
      });
      times.push(t);
      count++;
    }
    for (const pair of pairs) {
      if (count >= target) break;
      count += enrol(g, people[Math.floor(pair / active.length)]!, active[pair % active.length]!);
    }
    // Small people counts cannot reach big activity targets with one lead per (person,
    // campaign): people open the same email again, as real inboxes do.
    while (count < target && g.opened.length) {
      const o = g.opened[Math.floor(rng.next() * g.opened.length)]!;
      const t = o.firstOpen + rng.next() * (now - o.firstOpen);
      rows.push(derivedRow(o.send, "emailsOpened", t, g.rowId()));
      times.push(t);
      count++;
    }
  }
  return inTimeOrder(rows, times);
}

/** `rows` sorted by their unrounded times, ties in generation order. */
function inTimeOrder(rows: LemlistActivity[], times: number[]): LemlistActivity[] {
  const order = new Uint32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  const activities: LemlistActivity[] = new Array(rows.length);
  for (let i = 0; i < order.length; i++) activities[i] = rows[order[i]!]!;
  return activities;
}
