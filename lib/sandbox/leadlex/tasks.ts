import type { Rng } from "@/lib/sandbox/shared/prng";
import { ALT_SPELLING, DAY, secs, type Ctx } from "./context";
import { isoOf, type LeadlexTask, type LeadlexTaskStatus } from "./records";
import * as T from "./text";

/** Tasks (VENDORS.md): every status, due dates as calendar days, datetimes or none; newest created first. */

const TASK_TYPES = Object.keys(T.TASK_TITLES);

export function generateTasks(ctx: Ctx, contactIds: string[], count: number, nowMs: number): void {
  const { data, rng } = ctx;
  for (let n = 0; n < count; n++) {
    const contactId = contactIds.length && rng.chance(0.92) ? rng.pick(contactIds) : null;
    const dueMs = nowMs + Math.round((rng.next() * 60 - 30) * DAY);
    const createdMs = secs(Math.min(nowMs, dueMs) - rng.int(1, 20) * DAY - rng.int(0, 86_399) * 1000);
    const task = buildTask(ctx, contactId, dueMs, createdMs, nowMs, rng);
    data.tasks.push(task);
    data.taskMs.push(createdMs);
  }
  const order = data.tasks
    .map((_, i) => i)
    .sort((a, b) => data.taskMs[b]! - data.taskMs[a]! || (data.tasks[b]!.id < data.tasks[a]!.id ? -1 : 1));
  data.tasks = order.map((i) => data.tasks[i]!);
  data.taskMs = order.map((i) => data.taskMs[i]!);
}

export function buildTask(
  ctx: Ctx,
  contactId: string | null,
  dueMs: number,
  createdMs: number,
  nowMs: number,
  rng: Rng,
): LeadlexTask {
  const { data } = ctx;
  const taskType = rng.pick(TASK_TYPES);
  const who = contactId ? ctx.nameOf.get(contactId) : undefined;
  const past = dueMs < nowMs;
  const r = rng.next();
  const status: LeadlexTaskStatus = past
    ? r < 0.5
      ? "completed"
      : r < 0.65
        ? "in_progress"
        : "open"
    : r < 0.75
      ? "open"
      : r < 0.9
        ? "in_progress"
        : "completed";
  const dueKind = rng.next();
  const day = new Date(dueMs).toISOString().slice(0, 10);
  // A date-only due date is a calendar day; a datetime is an appointment during office hours UTC.
  const due_date =
    dueKind < 0.12
      ? null
      : dueKind < 0.57
        ? day
        : `${day}T${String(rng.int(8, 17)).padStart(2, "0")}:${rng.pick(["00", "30"])}:00Z`;
  const deal = contactId ? data.deals.get(contactId) : undefined;
  const task: LeadlexTask = {
    id: rng.uuid(),
    title: rng.pick(T.TASK_TITLES[taskType]!) + (who ? ` — ${who.full}` : ""),
    description: rng.chance(0.6) ? `Context: ${rng.pick(T.NOTES)}` : null,
    status,
    priority: rng.pick(["low", "medium", "medium", "high"] as const),
    task_type: taskType,
    due_date,
    assigned_to_user_id: rng.chance(0.95) ? rng.pick(data.users) : null,
    contact_id: contactId,
    deal_id: deal && rng.chance(0.3) ? deal.id : null,
  };
  if (status === "completed")
    task.completed_date = isoOf(Math.min(nowMs, Math.max(createdMs, dueMs - rng.int(0, 2) * DAY)));
  if (rng.chance(ALT_SPELLING)) task.created_at = isoOf(createdMs);
  else task.created_date = isoOf(createdMs);
  return task;
}
