import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { RefreshSummary, RefreshVendorResult } from "@/lib/model/contacts-query";
import type { Vendor } from "@/lib/model/vendor";
import type { Connector, MappedActivity, MappedTask, SyncBatch } from "@/lib/vendors/types";
import { isVendorError, plainErrorMessage } from "../http/plain-error";
import { log, scrub } from "../log";
import { decryptApiKey, KeyUnreadableError } from "../secrets";
import type { Store, Tx } from "../store/db";
import * as t from "../store/schema";
import { writeBatch } from "./write";

/**
 * "Refresh now" — the live path for one person (DESIGN.md "Sync into a store"): for each
 * vendor record of the contact, open that connection's connector with its stored key, ask
 * the vendor for everything it has on the person (`refreshPerson`), store it with the same
 * `writeBatch` the sync uses (one transaction per connection), and report what changed.
 * Connections are asked in parallel; one failing vendor does not stop the others.
 */

export interface RefreshOptions {
  actor?: string;
  signal?: AbortSignal;
  /** Per-vendor budget; a slow vendor answers "failed: timed out", the others still count. */
  timeoutMs?: number;
  /** Tests: connectors and base URLs to use instead of the registry and the env. */
  connectors?: Partial<Record<Vendor, Connector>>;
  baseUrlFor?: (vendor: Vendor, demo: boolean) => string;
  now?: () => Date;
}

interface IdentityRow {
  connectionId: string;
  vendor: Vendor;
  label: string;
  demo: boolean;
  keyCiphertext: string;
  meta: Record<string, unknown>;
  vendorId: string;
  kind: string | null;
}

export async function refreshContact(
  store: Store,
  contactId: string,
  opts: RefreshOptions = {},
): Promise<RefreshSummary> {
  const { db } = store;
  const [contact] = await db
    .select({ id: t.contacts.id, email: t.contacts.email })
    .from(t.contacts)
    .where(eq(t.contacts.id, contactId));
  if (!contact) throw new Error(`contact ${contactId} not found`);
  const rows = await db
    .select({
      connectionId: t.contactIdentities.connectionId,
      vendor: t.connections.vendor,
      label: t.connections.label,
      demo: t.connections.demo,
      keyCiphertext: t.connections.keyCiphertext,
      meta: t.connections.meta,
      vendorId: t.contactIdentities.vendorId,
      kind: t.contactIdentities.kind,
    })
    .from(t.contactIdentities)
    .innerJoin(t.connections, eq(t.connections.id, t.contactIdentities.connectionId))
    .where(eq(t.contactIdentities.contactId, contactId))
    .orderBy(t.connections.createdAt, t.contactIdentities.vendorId);

  const byConnection = new Map<string, IdentityRow[]>();
  for (const r of rows as IdentityRow[])
    byConnection.set(r.connectionId, [...(byConnection.get(r.connectionId) ?? []), r]);

  const vendors = await Promise.all(
    [...byConnection.values()].map((ids) => refreshOne(store, contact.email, ids, opts)),
  );
  const summary: RefreshSummary = {
    contactId,
    refreshedAt: (opts.now?.() ?? new Date()).toISOString(),
    vendors,
    totals: {
      new: vendors.reduce((n, v) => n + v.new.activities + v.new.tasks, 0),
      updated: vendors.reduce((n, v) => n + v.updated.activities + v.updated.tasks, 0),
      failed: vendors.filter((v) => v.status === "failed").length,
    },
  };
  await db
    .insert(t.auditLog)
    .values({
      actor: opts.actor ?? "system",
      event: "contact_refreshed",
      detail: {
        contactId,
        totals: summary.totals,
        vendors: vendors.map((v) => ({ vendor: v.vendor, status: v.status })),
      },
    })
    .catch((err: unknown) => log.warn("could not write the audit entry of a refresh", { err }));
  return summary;
}

async function refreshOne(
  store: Store,
  email: string | null,
  ids: IdentityRow[],
  opts: RefreshOptions,
): Promise<RefreshVendorResult> {
  const first = ids[0]!;
  const started = Date.now();
  const result: RefreshVendorResult = {
    vendor: first.vendor,
    connectionId: first.connectionId,
    label: first.label,
    status: "ok",
    new: { activities: 0, tasks: 0 },
    updated: { activities: 0, tasks: 0 },
    unchanged: 0,
    error: null,
    ms: 0,
  };
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 25_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let meta: Record<string, unknown> = {};
  try {
    let apiKey: string;
    try {
      apiKey = decryptApiKey(first.keyCiphertext, { connectionId: first.connectionId, vendor: first.vendor });
    } catch (err) {
      if (err instanceof KeyUnreadableError)
        throw new Error("The stored key could not be read. Enter the key again in Settings.");
      throw err;
    }
    // The registry pulls in every connector: load it only on the live path, not at import.
    const connector =
      opts.connectors?.[first.vendor] ?? (await import("@/lib/vendors/registry")).connectors[first.vendor];
    const baseUrl = opts.baseUrlFor
      ? opts.baseUrlFor(first.vendor, first.demo)
      : (await import("./connector-for")).baseUrlFor(first.vendor, first.demo);
    const session = connector.open({
      baseUrl,
      apiKey,
      signal,
      now: opts.now,
      meta: first.meta,
      onMeta: (m) => (meta = { ...meta, ...m }),
      warn: (message, fields) =>
        log.warn(`${first.vendor}: ${message}`, { connectionId: first.connectionId, ...fields }),
    });
    const batch = await session.refreshPerson({
      email,
      identities: ids.map((i) => ({ vendorId: i.vendorId, kind: i.kind })),
    });
    signal.throwIfAborted();
    await store.db.transaction(async (tx) => {
      const diff = await diffAgainstStore(tx, batch);
      await writeBatch(tx, first.connectionId, first.vendor, batch);
      result.new = diff.new;
      result.updated = diff.updated;
      result.unchanged = diff.unchanged;
      if (Object.keys(meta).length) {
        await tx
          .update(t.connections)
          .set({ meta: sql`${t.connections.meta} || ${JSON.stringify(meta)}::jsonb`, updatedAt: sql`now()` })
          .where(eq(t.connections.id, first.connectionId));
      }
    });
  } catch (err) {
    result.status = "failed";
    result.error = scrub(
      timeout.aborted
        ? `${first.vendor} did not answer in time`
        : plainErrorMessage(err, "the refresh failed", { vendor: first.vendor, connectionId: first.connectionId }),
    );
    if (isVendorError(err))
      log.warn("refresh of one vendor failed", { vendor: first.vendor, connectionId: first.connectionId, err });
    // What the vendor said before failing still holds (a quota used up: the connection pauses).
    if (Object.keys(meta).length)
      await store.db
        .update(t.connections)
        .set({ meta: sql`${t.connections.meta} || ${JSON.stringify(meta)}::jsonb`, updatedAt: sql`now()` })
        .where(eq(t.connections.id, first.connectionId))
        .catch((e: unknown) => log.warn("could not store a connection's vendor facts", { err: e }));
  }
  result.ms = Date.now() - started;
  return result;
}

const sameInstant = (a: string | null | undefined, b: string | null | undefined) =>
  a && b ? Date.parse(a) === Date.parse(b) : !a && !b;
const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** What the batch will change: rows the store lacks, rows whose content differs, and the rest. */
async function diffAgainstStore(tx: Tx, batch: SyncBatch) {
  const acts = await tally(
    batch.activities,
    (ids) => tx.select().from(t.activities).where(inArray(t.activities.id, ids)),
    activityChanged,
  );
  const tasks = await tally(
    batch.tasks,
    (ids) => tx.select().from(t.tasks).where(inArray(t.tasks.id, ids)),
    taskChanged,
  );
  return {
    new: { activities: acts.new, tasks: tasks.new },
    updated: { activities: acts.updated, tasks: tasks.updated },
    unchanged: acts.unchanged + tasks.unchanged,
  };
}

/**
 * Rows (each id once) counted as new, updated (`changed` against the stored row) or
 * unchanged; `load` reads the stored rows of up to 500 ids at a time.
 */
async function tally<R extends { id: string }, S extends { id: string }>(
  rows: readonly R[] | undefined,
  load: (ids: string[]) => Promise<S[]>,
  changed: (stored: S, row: R) => boolean,
) {
  const unique = [...new Map((rows ?? []).map((r) => [r.id, r])).values()];
  const stored = new Map<string, S>();
  for (let i = 0; i < unique.length; i += 500) {
    for (const s of await load(unique.slice(i, i + 500).map((r) => r.id))) stored.set(s.id, s);
  }
  const out = { new: 0, updated: 0, unchanged: 0 };
  for (const r of unique) {
    const s = stored.get(r.id);
    if (!s) out.new++;
    else if (changed(s, r)) out.updated++;
    else out.unchanged++;
  }
  return out;
}

// The fields whose change makes a row "updated" (times compared as instants, apart).
const ACTIVITY_COMPARED = [
  "kind",
  "subject",
  "preview",
  "body",
  "bot",
  "campaignId",
  "sequenceStep",
  "durationSeconds",
] as const;
const TASK_COMPARED = ["status", "title", "body", "dueDate", "priority"] as const;

function activityChanged(s: typeof t.activities.$inferSelect, a: MappedActivity): boolean {
  return !sameInstant(s.occurredAt, a.occurredAt) || ACTIVITY_COMPARED.some((k) => !same(s[k], a[k]));
}

function taskChanged(s: typeof t.tasks.$inferSelect, x: MappedTask): boolean {
  return (
    !sameInstant(s.dueAt, x.dueAt) ||
    !same(s.assignee?.name, x.assignee?.name) ||
    TASK_COMPARED.some((k) => !same(s[k], x[k]))
  );
}
