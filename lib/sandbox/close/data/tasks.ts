import { shareOf, type World } from "@/lib/sandbox/shared/world";
import { closeDate, type CloseTask } from "../records";
import { TASK_TEXTS } from "../texts";
import { userName } from "./accounts";
import type { Gen } from "./context";
import { DAY, HOUR, MIN, rid, sortByCreated } from "./ids";

/**
 * Tasks of every `_type`, due around now (a day or a datetime, some dateless), some done;
 * a completed task leaves a TaskCompleted activity.
 */

const TYPE_WEIGHTS: [CloseTask["_type"], number][] = [
  ["lead", 0.4],
  ["incoming_email", 0.12],
  ["email_followup", 0.12],
  ["missed_call", 0.1],
  ["answered_detached_call", 0.04],
  ["voicemail", 0.07],
  ["opportunity_due", 0.08],
  ["incoming_sms", 0.07],
];

export function generateTasks(g: Gen, world: World): CloseTask[] {
  const { rng, now, users } = g;
  const out: CloseTask[] = [];
  const n = g.contactCtxs.length ? shareOf(world, "close", "tasks") : 0;
  for (let i = 0; i < n; i++) {
    const cc = g.pickContact();
    const lc = cc.lead;
    let x = rng.next();
    let type: string = "lead";
    for (const [t, w] of TYPE_WEIGHTS) {
      if (x < w) {
        type = t;
        break;
      }
      x -= w;
    }
    const user = rng.chance(0.75) ? lc.owner : rng.pick(users);
    const shape = rng.next();
    const dateless = type === "lead" && shape < 0.15;
    const dateOnly = !dateless && shape < 0.65;
    let dueMs: number | null = null;
    let date: string | null = null;
    if (!dateless) {
      dueMs = now + Math.floor((rng.next() * 60 - 30) * DAY);
      if (dateOnly) {
        date = new Date(dueMs).toISOString().slice(0, 10);
        dueMs = Date.parse(date);
      } else {
        dueMs = Math.floor(dueMs / (15 * MIN)) * 15 * MIN;
        date = closeDate(dueMs);
      }
    }
    const createdHi = Math.min(now, dueMs ?? now);
    const createdLo = Math.max(lc.createdMs, createdHi - 20 * DAY);
    const createdMs = Math.floor(createdLo + rng.next() * Math.max(0, createdHi - createdLo));
    const complete = dueMs === null ? rng.chance(0.2) : dueMs < now ? rng.chance(0.55) : rng.chance(0.08);
    const withContact = type !== "lead" || rng.chance(0.75);
    const text = rng
      .pick(TASK_TEXTS[type] ?? TASK_TEXTS.lead!)
      .replace("{name}", cc.contact.name)
      .replace("{company}", lc.lead.name);
    const completedMs = complete
      ? Math.max(
          createdMs,
          Math.min(
            now - rng.int(1, 3600) * 1000,
            Math.max(createdMs + HOUR, (dueMs ?? createdMs) + rng.int(-24, 48) * HOUR),
          ),
        )
      : null;
    const t: CloseTask = {
      id: rid(rng, "task_", 43),
      _type: type,
      organization_id: g.organization.id,
      lead_id: lc.lead.id,
      lead_name: lc.lead.name,
      contact_id: withContact ? cc.contact.id : null,
      contact_name: withContact ? cc.contact.name : null,
      assigned_to: user.id,
      assigned_to_name: userName(user),
      created_by: user.id,
      created_by_name: userName(user),
      text,
      date,
      due_date: date,
      is_complete: complete,
      is_dateless: dateless,
      view: complete ? "archive" : dueMs !== null && dueMs > now ? "future" : "inbox",
      object_id: null,
      object_type: type === "opportunity_due" ? "opportunity" : null,
      date_created: closeDate(createdMs),
      date_updated: closeDate(completedMs ?? createdMs),
    };
    if (type === "opportunity_due") t.object_id = lc.opportunityId;
    out.push(t);
    if (completedMs !== null) {
      const a = g.base("TaskCompleted", lc, withContact ? cc : null, user, completedMs, completedMs);
      Object.assign(a, {
        task_id: t.id,
        task_text: t.text,
        task_assigned_to: user.id,
        task_assigned_to_name: userName(user),
      });
      g.acts.push(a);
    }
  }
  return sortByCreated(out);
}
