import type { CloseChanges } from "./changes";
import type { CloseData } from "./data";
import { BadRequest } from "./params";
import type { CloseTask } from "./records";

/**
 * `PUT /task/{id}/` (VENDORS.md "Close", "Writes"): `is_complete`, `date` (a `YYYY-MM-DD`
 * day or a datetime), `assigned_to`, `text`. The change goes through `changes.editTask`, so
 * it is kept, served by the next `GET /task/` and logged as an `updated` event of
 * `task.<type>` in the event log. Fields Close does not let one write are ignored; a bad
 * value is a 400 naming the field. The answer is the task as it now is.
 */
export function putCloseTask(data: CloseData, changes: CloseChanges, id: string, body: unknown): CloseTask | null {
  const task = data.tasks.find((t) => t.id === id);
  if (!task) return null;
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new BadRequest("The request body must be a JSON object.");
  const b = body as Record<string, unknown>;
  const patch: Partial<CloseTask> = {};
  if (b.is_complete !== undefined) {
    if (typeof b.is_complete !== "boolean") throw new BadRequest("is_complete: must be true or false.");
    patch.is_complete = b.is_complete;
  }
  if (b.date !== undefined) {
    if (typeof b.date !== "string" || !Number.isFinite(Date.parse(b.date)))
      throw new BadRequest("date: must be a date (YYYY-MM-DD) or a datetime.");
    // A day stays a day; a datetime is kept as given.
    patch.date = b.date.trim();
    patch.is_dateless = false;
  }
  if (b.assigned_to !== undefined) {
    const user = typeof b.assigned_to === "string" ? data.users.find((u) => u.id === b.assigned_to) : undefined;
    if (!user) throw new BadRequest("assigned_to: not a user of this organization.");
    patch.assigned_to = user.id;
    patch.assigned_to_name = `${user.first_name} ${user.last_name}`;
  }
  if (b.text !== undefined) {
    if (typeof b.text !== "string") throw new BadRequest("text: must be a string.");
    patch.text = b.text;
  }
  if (Object.keys(patch).length === 0) return task;
  return changes.editTask(id, patch);
}
