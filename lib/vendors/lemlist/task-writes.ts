import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { ConnectorContext, MappedTask, TaskRef, TaskWriter, VendorTaskChange } from "@/lib/vendors/types";
import { createLemlistClient, type LemlistClientOptions, type TaskFilter } from "./client";
import { mapLemlistTask } from "./map-task";
import { lemlistTaskSchema } from "./schemas";

/**
 * lemlist task writes (VENDORS.md "Task writes"): `PATCH /tasks` with `{id, done: true,
 * dueDate, assignedTo, priority}`. lemlist has no read of one task and lists open tasks only,
 * so a task is read back from the listing filtered to its lead's email (or its type when it
 * has no lead); a task missing from that listing is done (or gone) at lemlist.
 */

/** The write scale is 0 low, 1 medium, 2 high (VENDORS.md); see docs/vendor-assumptions.md. */
const PRIORITY: Record<NonNullable<VendorTaskChange["priority"]>, number> = { low: 0, medium: 1, high: 2 };

/** A task listing is read until the task shows up or the listing ends; this many pages at most. */
const MAX_PAGES = 50;

export function lemlistBody(id: string, change: VendorTaskChange): Record<string, unknown> {
  const body: Record<string, unknown> = { id };
  if (change.done === true) body.done = true;
  if (change.due) body.dueDate = change.due.dateOnly ? change.due.date : change.due.at;
  if (change.assigneeId) body.assignedTo = change.assigneeId;
  if (change.priority) body.priority = PRIORITY[change.priority];
  return body;
}

export function createLemlistTaskWriter(options: LemlistClientOptions = {}): TaskWriter {
  return {
    capabilities: {
      complete: true,
      reopen: false,
      reschedule: true,
      reassign: true,
      priority: true,
      readOnly: null,
      noReopen:
        "lemlist's API can mark a task done but not open it again, so a completed lemlist task cannot be undone here.",
      // Seed 002: GET /tasks lists open tasks only.
      listsOpenOnly: true,
    },
    open(ctx: ConnectorContext) {
      const client = createLemlistClient(ctx, options);
      return {
        async read(task: TaskRef): Promise<MappedTask | null> {
          const filters: TaskFilter[] = task.contactEmail
            ? [{ filterId: "email", value: task.contactEmail }]
            : [{ filterId: "type", in: [task.vendorType] }];
          const seen = new Set<string>();
          for (let page = 0; page < MAX_PAGES; page++) {
            const rows = await client.tasks(page, filters);
            let fresh = false;
            for (const raw of rows) {
              const row = lemlistTaskSchema.safeParse(raw);
              if (!row.success || seen.has(row.data._id)) continue;
              fresh = true;
              seen.add(row.data._id);
              if (row.data._id === task.vendorId) return mapLemlistTask(row.data, {}, raw);
            }
            // Stop on an empty page, and on a page that brings no new id (VENDORS.md "Tasks").
            if (!rows.length || !fresh) break;
          }
          return null;
        },
        async write(task: TaskRef, change: VendorTaskChange): Promise<unknown> {
          if (change.done === false) throw new VendorRequestError("lemlist", 422, "lemlist cannot reopen a done task");
          return client.updateTask(lemlistBody(task.vendorId, change));
        },
      };
    },
  };
}

export const lemlistTaskWriter = createLemlistTaskWriter();
