import "server-only";
import { eq, sql } from "drizzle-orm";
import type { TaskChange } from "@/lib/model/task-change";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { VendorAuthError, VendorRequestError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { MappedTask, TaskWriteSession, VendorTaskChange } from "@/lib/vendors/types";
import { actorOf, type Principal } from "../auth/authenticate";
import { assertCan } from "../auth/can";
import { AppError, notFound } from "../http/errors";
import { isLinkedTo } from "../identities/me";
import { log, scrub } from "../log";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { differs, snapshot } from "./compare";
import { connectorOf, loadTarget, openSession, type OpenOptions, readBack, storeVendorTask } from "./target";

/**
 * One change to one task at its vendor (issue 15, API.md `PATCH /tasks/{id}`):
 * 1. who may: members only on tasks assigned to their linked vendor users, admins on any;
 * 2. re-read the task at the vendor: if it changed there since Touchline read it, nothing is
 *    written — the store takes the vendor's version and the caller gets 409 with it;
 * 3. write; a refusal is a 422 in the vendor's words (a 403 also turns the connection's
 *    task actions off, with the reason); an unreachable vendor a 502;
 * 4. re-read the written task only and store it; every write is in the audit log.
 */

export interface ActOptions extends OpenOptions {
  /** Bulk jobs reuse one session (one client, one pacer) per connection. */
  sessions?: Map<string, TaskWriteSession>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function toVendorChange(change: TaskChange): VendorTaskChange {
  const out: VendorTaskChange = {};
  if (change.status) out.done = change.status === "done";
  if (change.dueAt !== undefined) {
    const dateOnly = change.dueIsDateOnly ?? DAY.test(change.dueAt);
    out.due = dateOnly
      ? { dateOnly: true, date: change.dueAt.slice(0, 10) }
      : { dateOnly: false, at: new Date(change.dueAt).toISOString() };
  }
  if (change.assigneeId) out.assigneeId = change.assigneeId;
  if (change.priority) out.priority = change.priority;
  return out;
}

const unprocessable = (detail: string) => new AppError(422, "Unprocessable", detail);

/** The vendor's refusal in plain words: its own text without our method and path prefix. */
function vendorReason(err: VendorRequestError | VendorAuthError): string {
  const text = err.message.replace(/^(GET|POST|PATCH|PUT) \S+: /, "").trim();
  return text ? `${text} (HTTP ${err.status})` : `HTTP ${err.status}`;
}

export async function changeTask(
  db: Db,
  principal: Principal,
  id: string,
  change: TaskChange,
  opts: ActOptions = {},
): Promise<TaskListItem> {
  const target = await loadTarget(db, id);
  if (!target) throw notFound("Task");
  const { task, connection } = target;
  const vendorName = VENDOR_LABELS[connection.vendor];

  const mine = await isLinkedTo(db, principal.userId, task.vendor, task.assignee?.id ?? null);
  assertCan(
    principal,
    "task.act",
    { assignedToCaller: mine },
    principal.role === "member"
      ? "Members can change only tasks assigned to them (link your vendor users in Settings → Profile)."
      : `Your role (${principal.role}) cannot change tasks.`,
  );

  const connector = await connectorOf(connection.vendor, opts);
  const writer = connector.tasks;
  if (!writer?.open)
    throw new AppError(
      405,
      "Method not allowed",
      writer?.capabilities.readOnly ?? `${vendorName} has no tasks that can be changed.`,
    );
  const caps = writer.capabilities;
  if (change.status === "open" && task.status !== "open" && !caps.reopen)
    throw unprocessable(caps.noReopen ?? `${vendorName} cannot reopen a task.`);
  if (change.priority && !caps.priority) throw unprocessable(`${vendorName} tasks have no priority.`);
  const refused = connection.meta.taskWritesRefused;
  if (typeof refused === "string" && refused) throw unprocessable(refused);

  const vchange = toVendorChange(change);
  const audit = (event: string, answer: string, extra: Record<string, unknown> = {}) =>
    db
      .insert(t.auditLog)
      .values({
        actor: actorOf(principal),
        connectionId: connection.id,
        event,
        detail: { taskId: id, vendorTaskId: target.ref.vendorId, vendor: task.vendor, change, answer, ...extra },
      })
      .catch((err: unknown) => log.warn("could not write the audit entry of a task change", { err }));

  let session = opts.sessions?.get(connection.id);
  if (!session) {
    session = await openSession(target, connector, opts);
    opts.sessions?.set(connection.id, session);
  }

  try {
    // 2. Re-read before writing.
    const before = await session.read(target.ref);
    if (differs(task, before)) {
      // Absent at the vendor: done (or deleted) there. A vendor that lists open tasks only
      // says no more than that, so the stored task becomes done and is shown as the vendor's.
      const vendorSide: Pick<MappedTask, "status"> & Partial<MappedTask> = before ?? { status: "done" };
      await storeVendorTask(db, id, vendorSide);
      const vendorTask = before || caps.listsOpenOnly ? await readBack(db, id) : null;
      await audit("task_conflict", "changed at the vendor; nothing written", {
        before: snapshot(task),
        vendorNow: vendorTask ? snapshot(vendorTask) : null,
      });
      throw new AppError(
        409,
        "Conflict",
        before
          ? `This task changed in ${vendorName} since Touchline last read it. Nothing was written: compare both versions and choose.`
          : `This task is no longer open in ${vendorName} (done or deleted there). Nothing was written.`,
        undefined,
        { vendorTask },
      );
    }

    // 3. Write.
    const answer = await session.write(target.ref, vchange);

    // 4. Re-read the written task only.
    const after = await session.read(target.ref);
    const vendorSide: Pick<MappedTask, "status"> & Partial<MappedTask> =
      after ?? (vchange.done ? { status: "done" } : { status: task.status });
    if (!after && !vchange.done)
      log.warn("a task was not found at its vendor right after a write", { vendor: task.vendor, taskId: id });
    await storeVendorTask(db, id, { ...vendorSide, ...(after ? {} : pendingFields(vchange)) });
    const result = (await readBack(db, id))!;
    await audit("task_changed", "accepted", {
      before: snapshot(task),
      after: snapshot(result),
      vendorAnswer: summariseAnswer(answer),
    });
    return result;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof VendorAuthError && err.status === 403) {
      const reason = `${vendorName} refused to change tasks with this connection's key: ${vendorReason(err)}. Task actions on “${connection.label}” are off until the key is replaced in Settings.`;
      await db
        .update(t.connections)
        .set({ meta: sql`${t.connections.meta} || ${JSON.stringify({ taskWritesRefused: reason })}::jsonb` })
        .where(eq(t.connections.id, connection.id));
      await audit("task_change_refused", scrub(vendorReason(err)));
      throw unprocessable(reason);
    }
    if (err instanceof VendorAuthError) {
      await audit("task_change_refused", scrub(vendorReason(err)));
      throw unprocessable(`${vendorName} rejected the key (${vendorReason(err)}). Replace the key in Settings.`);
    }
    if (err instanceof VendorRequestError) {
      await audit("task_change_refused", scrub(vendorReason(err)));
      throw unprocessable(`${vendorName} refused the change: ${vendorReason(err)}. Nothing was changed.`);
    }
    if (err instanceof VendorUnavailableError) {
      await audit("task_change_failed", "unreachable");
      throw new AppError(
        502,
        "Bad gateway",
        `${vendorName} could not be reached or kept failing, so the change may not have been made. Try again in a moment.`,
      );
    }
    throw err;
  }
}

/** The fields a write set, for a vendor that did not list the task again (the store keeps what was asked). */
function pendingFields(v: VendorTaskChange): Partial<MappedTask> {
  const out: Partial<MappedTask> = {};
  if (v.due)
    Object.assign(
      out,
      v.due.dateOnly
        ? { dueAt: `${v.due.date}T00:00:00.000Z`, dueDate: v.due.date, dueIsDateOnly: true }
        : { dueAt: v.due.at, dueDate: null, dueIsDateOnly: false },
    );
  return out;
}

/** What the vendor answered, for the audit log: its id and status fields, never a header or key. */
function summariseAnswer(answer: unknown): Record<string, unknown> | null {
  if (!answer || typeof answer !== "object") return null;
  const a = answer as Record<string, unknown>;
  const pick = ["id", "_id", "status", "is_complete", "date", "dueDate", "assigned_to", "userId", "priority"];
  return Object.fromEntries(pick.filter((k) => k in a).map((k) => [k, a[k]]));
}
