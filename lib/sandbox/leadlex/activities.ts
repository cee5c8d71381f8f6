import type { Rng } from "@/lib/sandbox/shared/prng";
import { ALT_SPELLING, gaussian, newActivityId, newDeal, pushActivity, secs, type Ctx } from "./context";
import type { LeadlexActivity } from "./records";
import * as T from "./text";

/**
 * CRM work on contacts: emails (outbound ones with `metadata: {opened, replied}` as in
 * seed 003's example), calls, notes, meetings, completed tasks, AI actions, deal stage
 * changes, list additions, and one type the connector does not know (`website_visit`).
 */

export const CRM_TYPES = [
  "email",
  "call",
  "note",
  "meeting",
  "task",
  "ai_action",
  "deal_stage_change",
  "list_added",
  "website_visit",
] as const;
const CRM_WEIGHTS = [26, 16, 12, 8, 10, 8, 7, 9, 4];

export function generateCrmActivities(
  ctx: Ctx,
  contactIds: string[],
  count: number,
  startMs: number,
  nowMs: number,
): void {
  const { rng } = ctx;
  // A few busy contacts and many quiet ones, so some timelines run to several pages.
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < contactIds.length; i++) cumulative.push((sum += Math.exp(1.1 * gaussian(rng))));
  const typeCum: number[] = [];
  let tsum = 0;
  for (const w of CRM_WEIGHTS) typeCum.push((tsum += w));

  for (let n = 0; n < count; n++) {
    const contactId = contactIds[lowerBound(cumulative, rng.next() * sum)]!;
    const type = CRM_TYPES[lowerBound(typeCum, rng.next() * tsum)]!;
    const ms = secs(startMs + rng.next() * (nowMs - startMs));
    crmActivity(ctx, contactId, type, ms);
  }
}

function lowerBound(cum: number[], x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function crmActivity(
  ctx: Ctx,
  contactId: string,
  type: (typeof CRM_TYPES)[number],
  ms: number,
  rng: Rng = ctx.rng,
): LeadlexActivity {
  const { data } = ctx;
  const who = ctx.nameOf.get(contactId) ?? {
    first: "there",
    full: "Unknown contact",
    company: "their company",
    email: null,
  };
  let deal = data.deals.get(contactId);
  if (!deal && type === "deal_stage_change") data.deals.set(contactId, (deal = newDeal(rng, who)));
  const user = rng.pick(data.users);
  const row: Omit<LeadlexActivity, "created_date" | "created_at"> = {
    id: newActivityId(rng, data.activityIds),
    type,
    title: "",
    description: null,
    contact_id: contactId,
    deal_id: deal && (type === "deal_stage_change" || rng.chance(0.4)) ? deal.id : null,
    entity_type: null,
    entity_id: null,
    entity_name: null,
    metadata: {},
    created_by_user_id: user,
  };
  switch (type) {
    case "email": {
      const inbound = rng.chance(0.25);
      const subject = T.fill(rng.pick(T.EMAIL_SUBJECTS), who);
      row.title = `${inbound ? "Received" : "Sent"}: ${subject}`;
      row.description = T.fill(rng.pick(inbound ? T.INBOUND_BODIES : T.EMAIL_BODIES), who);
      row.entity_type = "email";
      row.entity_id = rng.uuid();
      row.entity_name = subject;
      row.metadata = inbound
        ? { subject, direction: "inbound" }
        : { subject, direction: "outbound", opened: rng.chance(0.6), replied: rng.chance(0.15) };
      break;
    }
    case "call": {
      const outcome = rng.pick(["connected", "connected", "voicemail", "no_answer"]);
      const direction = rng.chance(0.8) ? "outbound" : "inbound";
      row.title = `${direction === "outbound" ? "Call with" : "Call from"} ${who.full}`;
      row.description = outcome === "no_answer" ? "No answer." : rng.pick(T.CALL_NOTES);
      row.metadata = {
        duration: outcome === "connected" ? rng.int(60, 1800) : outcome === "voicemail" ? rng.int(15, 60) : 0,
        outcome,
        direction,
      };
      break;
    }
    case "note":
      row.title = "Note added";
      row.description = rng.pick(T.NOTES);
      break;
    case "meeting": {
      const topic = rng.pick(T.MEETING_TOPICS);
      row.title = `Meeting: ${topic}`;
      row.description = `${topic} with ${who.full} (${who.company}).`;
      row.metadata = {
        attendees: [who.email, "sam@leadlex-customer.example"],
        duration_minutes: rng.pick([15, 30, 45, 60]),
        location: rng.pick(["Zoom", "Google Meet", "On site"]),
      };
      break;
    }
    case "task": {
      const taskType = rng.pick(Object.keys(T.TASK_TITLES));
      const title = rng.pick(T.TASK_TITLES[taskType]!);
      row.title = `Task completed: ${title}`;
      row.entity_type = "task";
      row.entity_id = rng.uuid();
      row.entity_name = title;
      row.metadata = { task_type: taskType, status: "completed" };
      break;
    }
    case "ai_action": {
      const action = rng.pick(T.AI_ACTIONS);
      row.title = `AI: ${action.replace(/_/g, " ")}`;
      row.description = action === "scored_lead" ? `Lead score updated for ${who.full}.` : null;
      row.metadata = { action, model: "leadlex-ai-2", confidence: Math.round(rng.next() * 100) / 100 };
      row.created_by_user_id = data.systemUserId;
      break;
    }
    case "deal_stage_change": {
      const d = deal!;
      const from = T.DEAL_STAGES[d.stage]!;
      d.stage = Math.min(T.DEAL_STAGES.length - 1, d.stage + 1);
      const to = T.DEAL_STAGES[d.stage]!;
      row.title = `Deal moved to ${to.replace(/_/g, " ")}`;
      row.entity_type = "deal";
      row.entity_id = d.id;
      row.entity_name = d.name;
      row.metadata = { from_stage: from, to_stage: to };
      break;
    }
    case "list_added": {
      const list = rng.int(0, T.LISTS.length - 1);
      row.title = `Added to list ${T.LISTS[list]}`;
      row.entity_type = "list";
      row.entity_id = `lst_${list + 1}`;
      row.entity_name = T.LISTS[list]!;
      row.metadata = { source: rng.pick(["manual", "automation", "import"]) };
      if (row.metadata.source !== "manual") row.created_by_user_id = data.systemUserId;
      break;
    }
    case "website_visit": {
      const page = rng.pick(T.VISITED_PAGES);
      row.title = `Visited ${page}`;
      row.metadata = { url: `https://www.leadlex-customer.example${page}`, pages_viewed: rng.int(1, 7) };
      row.created_by_user_id = null;
      break;
    }
  }
  return pushActivity(data, row, ms, rng.chance(ALT_SPELLING));
}
