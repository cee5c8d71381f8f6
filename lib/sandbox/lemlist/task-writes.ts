import type { LemlistData } from "./data";
import { BadRequest } from "./query";

/**
 * `PATCH /tasks` (VENDORS.md "lemlist", "Task writes"): a JSON body `{id, done?: true,
 * dueDate?, assignedTo?, title?, message?, priority?: 0|1|2|""}`. The change is kept and
 * served by the next `GET /tasks` (a done task leaves the listing). What lemlist answers is
 * not documented: the simulator answers the task with its `status` (docs/vendor-assumptions.md).
 */

export class TaskNotFound extends Error {}

const PRIORITIES = [0, 1, 2] as const;

function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(Date.parse(s));
}

export function patchLemlistTask(data: LemlistData, body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new BadRequest("Invalid body: expected a JSON object");
  const b = body as Record<string, unknown>;
  if (typeof b.id !== "string" || !b.id) throw new BadRequest("Missing id");
  const task = data.tasks.find((t) => t._id === b.id);
  if (!task) throw new TaskNotFound("Task not found");

  // Validate everything before changing anything: a refused body changes nothing.
  if (b.done !== undefined && b.done !== true) throw new BadRequest("Invalid done: only true is accepted");
  let dueDate: string | undefined;
  if (b.dueDate !== undefined) {
    if (typeof b.dueDate !== "string" || !Number.isFinite(Date.parse(b.dueDate)))
      throw new BadRequest("Invalid dueDate");
    // A day is kept as lemlist keeps its "day" tasks: midnight UTC.
    dueDate = isDay(b.dueDate) ? `${b.dueDate}T00:00:00.000Z` : new Date(b.dueDate).toISOString();
  }
  if (
    b.assignedTo !== undefined &&
    (typeof b.assignedTo !== "string" || !data.users.some((u) => u._id === b.assignedTo))
  )
    throw new BadRequest("Invalid assignedTo: not a user of this team");
  if (b.priority !== undefined && b.priority !== "" && !(PRIORITIES as readonly unknown[]).includes(b.priority))
    throw new BadRequest("Invalid priority: use 0, 1, 2 or an empty string");
  for (const k of ["title", "message"] as const)
    if (b[k] !== undefined && typeof b[k] !== "string") throw new BadRequest(`Invalid ${k}`);

  if (dueDate) task.dueDate = dueDate;
  if (typeof b.assignedTo === "string") task.userId = b.assignedTo;
  // Listings show the 1-based scale (seed 002); the write scale is 0-based (assumption, see the doc).
  if (b.priority === "") task.priority = 0;
  else if (typeof b.priority === "number") task.priority = b.priority + 1;
  if (typeof b.title === "string") task.title = b.title;
  if (typeof b.message === "string") task.content = b.message;
  if (b.done === true) data.doneTaskIds.add(task._id);
  return { ...task, status: data.doneTaskIds.has(task._id) ? "completed" : "pending" };
}
