import "server-only";
import { eq, sql } from "drizzle-orm";
import type { TaskListItem } from "@/lib/model/tasks-query";
import type { Vendor } from "@/lib/model/vendor";
import type { Connector, MappedTask, TaskRef, TaskWriteSession } from "@/lib/vendors/types";
import { AppError } from "../http/errors";
import { nameAssignees } from "../identities/tasks-me";
import { loadTasks } from "../queries/tasks";
import { decryptApiKey, KeyUnreadableError } from "../secrets";
import type { Db } from "../store/db";
import * as t from "../store/schema";

/** A stored task with what writing to its vendor needs: its connection and its contact's email. */
export interface WriteTarget {
  task: TaskListItem;
  connection: {
    id: string;
    vendor: Vendor;
    label: string;
    demo: boolean;
    keyCiphertext: string;
    meta: Record<string, unknown>;
  };
  ref: TaskRef;
}

export async function loadTarget(db: Db, id: string): Promise<WriteTarget | null> {
  const [task] = await loadTasks(db, [id]);
  if (!task) return null;
  const [c] = await db.select().from(t.connections).where(eq(t.connections.id, task.connectionId));
  if (!c) return null;
  return {
    task,
    connection: {
      id: c.id,
      vendor: c.vendor as Vendor,
      label: c.label,
      demo: c.demo,
      keyCiphertext: c.keyCiphertext,
      meta: c.meta ?? {},
    },
    ref: {
      vendorId: id.slice(id.indexOf(":") + 1),
      vendorType: task.vendorType,
      assigneeId: task.assignee?.id ?? null,
      contactEmail: task.contact?.email ?? null,
      raw: task.raw,
    },
  };
}

/** The task as the caller sees it in lists (assignee names filled in). */
export async function readBack(db: Db, id: string): Promise<TaskListItem | null> {
  const [task] = await loadTasks(db, [id]);
  if (!task) return null;
  return (await nameAssignees(db, { data: [task], nextCursor: null, total: 1 })).data[0] ?? null;
}

export interface OpenOptions {
  signal?: AbortSignal;
  /** Tests: connectors and base URLs instead of the registry and the env. */
  connectors?: Partial<Record<Vendor, Connector>>;
  baseUrlFor?: (vendor: Vendor, demo: boolean) => string;
}

/** The connector of the target's vendor (the registry is loaded only here, not at import). */
export async function connectorOf(vendor: Vendor, opts: OpenOptions): Promise<Connector> {
  return opts.connectors?.[vendor] ?? (await import("@/lib/vendors/registry")).connectors[vendor];
}

/** Opens the vendor's task-write session with the connection's stored key. */
export async function openSession(
  target: WriteTarget,
  connector: Connector,
  opts: OpenOptions,
): Promise<TaskWriteSession> {
  const { connection } = target;
  let apiKey: string;
  try {
    apiKey = decryptApiKey(connection.keyCiphertext, { connectionId: connection.id, vendor: connection.vendor });
  } catch (err) {
    if (err instanceof KeyUnreadableError)
      throw new AppError(422, "Unprocessable", "The stored key could not be read. Enter the key again in Settings.");
    throw err;
  }
  const baseUrl = opts.baseUrlFor
    ? opts.baseUrlFor(connection.vendor, connection.demo)
    : (await import("../sync/connector-for")).baseUrlFor(connection.vendor, connection.demo);
  // A person waits on this: fail fast instead of the sync's long backoff.
  return connector.tasks!.open!({
    baseUrl,
    apiKey,
    signal: opts.signal,
    http: { timeoutMs: 15_000, maxBackoffMs: 1_000 },
  });
}

/** Stores the vendor's version of a task (the re-read), keeping what the vendor did not say. */
export async function storeVendorTask(db: Db, id: string, v: Pick<MappedTask, "status"> & Partial<MappedTask>) {
  const set: Record<string, unknown> = {
    status: v.status,
    completedAt: v.status === "done" ? sql`coalesce(${t.tasks.completedAt}, now())` : null,
    syncedAt: sql`now()`,
  };
  if (v.dueAt !== undefined) {
    set.dueAt = v.dueAt;
    set.dueDate = v.dueDate ?? null;
    set.dueIsDateOnly = v.dueIsDateOnly ?? false;
  }
  if (v.priority !== undefined) set.priority = v.priority;
  if (v.assignee !== undefined) set.assignee = v.assignee;
  if (v.title !== undefined) set.title = v.title;
  if (v.raw !== undefined) set.raw = v.raw;
  await db.update(t.tasks).set(set).where(eq(t.tasks.id, id));
}
