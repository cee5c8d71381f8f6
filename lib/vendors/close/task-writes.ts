import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { ConnectorContext, MappedTask, TaskRef, TaskWriter, VendorTaskChange } from "@/lib/vendors/types";
import { createCloseClient, type CloseClientOptions } from "./client";
import { mapCloseTask } from "./map-task";
import { closeTaskSchema } from "./schemas";

/**
 * Close task writes (VENDORS.md "Writes"): `PUT /task/{id}/` with `is_complete`, `date`
 * (a `YYYY-MM-DD` day or a datetime), `assigned_to`. Close reads one task with
 * `GET /task/{id}/`, so the re-reads before and after a write are one request each.
 * Close tasks have no priority.
 */

export function closeBody(change: VendorTaskChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (change.done !== undefined) body.is_complete = change.done;
  // A day goes as a day: never a timestamp shifted through the viewer's zone.
  if (change.due) body.date = change.due.dateOnly ? change.due.date : change.due.at;
  if (change.assigneeId) body.assigned_to = change.assigneeId;
  return body;
}

export function createCloseTaskWriter(
  client: Pick<CloseClientOptions, "pace" | "timeoutMs" | "maxRetries" | "maxRateLimitRetries" | "maxBackoffMs"> = {},
): TaskWriter {
  return {
    capabilities: {
      complete: true,
      reopen: true,
      reschedule: true,
      reassign: true,
      priority: false,
      readOnly: null,
    },
    open(ctx: ConnectorContext) {
      const c = createCloseClient({
        baseUrl: ctx.baseUrl,
        apiKey: ctx.apiKey,
        signal: ctx.signal,
        onRateLimitWait: ctx.onRateLimitWait,
        ...ctx.http,
        ...client,
      });
      return {
        async read(task: TaskRef): Promise<MappedTask | null> {
          let data: unknown;
          try {
            data = await c.getTask(task.vendorId);
          } catch (err) {
            if (err instanceof VendorRequestError && err.status === 404) return null;
            throw err;
          }
          const row = closeTaskSchema.safeParse(data);
          return row.success ? mapCloseTask(row.data, data) : null;
        },
        async write(task: TaskRef, change: VendorTaskChange): Promise<unknown> {
          if (change.priority) throw new VendorRequestError("close", 422, "Close tasks have no priority");
          return c.updateTask(task.vendorId, closeBody(change));
        },
      };
    },
  };
}

export const closeTaskWriter = createCloseTaskWriter();
