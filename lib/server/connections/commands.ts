import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  BUDGET_SETTINGS_KEY,
  type createConnectionSchema,
  type dailyBudgetSettingsSchema,
  type updateConnectionSchema,
} from "@/lib/model/connection";
import type { Vendor } from "@/lib/model/vendor";
import { vendorMeta } from "@/lib/vendors/metas";
import { badRequest, notFound } from "../http/errors";
import { log } from "../log";
import { encryptApiKey, keyHint } from "../secrets";
import type { Store } from "../store/db";
import * as t from "../store/schema";
import { cancelSync, startSync, type SyncTrigger } from "../sync/engine";
import { setHorizon } from "./horizon";
import { insertConnection } from "./store";
import { verifyVendorKey } from "./verify";

// The write side of Settings → Connections. Every command tests a new key against the
// vendor before storing it, records who did what in the audit log (never the key), and
// starts a sync when there is something new to fetch.

type CreateInput = z.infer<typeof createConnectionSchema>;
type UpdateInput = z.infer<typeof updateConnectionSchema>;
type BudgetSettingsInput = z.infer<typeof dailyBudgetSettingsSchema>;

const budgetSettingsOf = (meta: Record<string, unknown>) => (meta[BUDGET_SETTINGS_KEY] as object | undefined) ?? {};

/** Daily-budget settings apply to a vendor with a daily quota, and a plan must be one of its plans. */
function checkedBudgetSettings(vendor: Vendor, settings: BudgetSettingsInput): BudgetSettingsInput {
  const { label, dailyQuota } = vendorMeta(vendor);
  if (!dailyQuota)
    throw badRequest("dailyBudget", `${label} has no daily request quota: dailyBudget settings do not apply to it`);
  const plans = ["auto", ...dailyQuota.plans.map((p) => p.id)];
  if (settings.plan !== undefined && !plans.includes(settings.plan))
    throw badRequest("dailyBudget.plan", `plan must be one of ${plans.join(", ")}`);
  return settings;
}

/** A key the UI shows: `••••abcd`. Sent back unchanged, it means "keep the stored key". */
export const isMask = (value: string) => value.startsWith("••••");

async function kickOff(store: Store, id: string, trigger: SyncTrigger): Promise<void> {
  try {
    await startSync(id, trigger, store);
  } catch (err) {
    log.error("could not start a sync", { connectionId: id, err });
  }
}

export async function createConnection(store: Store, input: CreateInput, actor: string): Promise<string> {
  const { db } = store;
  try {
    await verifyVendorKey(input.vendor, input.apiKey);
  } catch (err) {
    await db.insert(t.auditLog).values({
      actor,
      event: "tested",
      detail: { vendor: input.vendor, result: "failed", label: input.label ?? null },
    });
    throw err;
  }
  const id = await insertConnection(db, {
    vendor: input.vendor,
    label: input.label,
    apiKey: input.apiKey,
    actor,
    history: input.history,
  });
  await db
    .insert(t.auditLog)
    .values({ actor, connectionId: id, event: "tested", detail: { vendor: input.vendor, result: "accepted" } });
  await kickOff(store, id, "created");
  return id;
}

export async function updateConnection(store: Store, id: string, input: UpdateInput, actor: string): Promise<void> {
  const { db } = store;
  const [conn] = await db.select().from(t.connections).where(eq(t.connections.id, id));
  if (!conn) throw notFound("Connection");
  const vendor = conn.vendor as Vendor;
  let keyReplaced = false;

  if (input.apiKey !== undefined) {
    if (isMask(input.apiKey)) {
      if (input.apiKey !== conn.keyHint)
        throw badRequest("apiKey", "paste the whole new key, or send the mask unchanged to keep the stored key");
    } else {
      try {
        await verifyVendorKey(vendor, input.apiKey, { demo: conn.demo });
      } catch (err) {
        await db
          .insert(t.auditLog)
          .values({ actor, connectionId: id, event: "tested", detail: { vendor, result: "failed" } });
        throw err;
      }
      await db
        .update(t.connections)
        .set({
          keyCiphertext: encryptApiKey(input.apiKey, { connectionId: id, vendor }),
          keyHint: keyHint(input.apiKey),
          status: "ok",
          lastError: null,
          // A new key may be allowed to change tasks where the old one was refused (issue 15).
          meta: sql`${t.connections.meta} - 'taskWritesRefused'`,
          updatedAt: sql`now()`,
        })
        .where(eq(t.connections.id, id));
      await db.insert(t.auditLog).values([
        { actor, connectionId: id, event: "tested", detail: { vendor, result: "accepted" } },
        { actor, connectionId: id, event: "key_replaced", detail: { vendor, keyHint: keyHint(input.apiKey) } },
      ]);
      keyReplaced = true;
    }
  }

  if (input.label !== undefined && input.label !== conn.label) {
    await db
      .update(t.connections)
      .set({ label: input.label, updatedAt: sql`now()` })
      .where(eq(t.connections.id, id));
    await db
      .insert(t.auditLog)
      .values({ actor, connectionId: id, event: "renamed", detail: { vendor, from: conn.label, label: input.label } });
  }

  if (input.dailyBudget !== undefined) {
    const settings = { ...budgetSettingsOf(conn.meta), ...checkedBudgetSettings(vendor, input.dailyBudget) };
    // A new plan or share re-plans the day at the next scheduler tick — unless the quota is used up.
    await db
      .update(t.connections)
      .set({
        meta: sql`(case when ${t.connections.meta}->>'pausedUntil' is not null and (${t.connections.meta}->>'pausedUntil')::timestamptz > now()
                   then ${t.connections.meta} else ${t.connections.meta} - 'nextSyncAt' end) || ${JSON.stringify({ [BUDGET_SETTINGS_KEY]: settings })}::jsonb`,
        updatedAt: sql`now()`,
      })
      .where(eq(t.connections.id, id));
    await db.insert(t.auditLog).values({
      actor,
      connectionId: id,
      event: "settings_changed",
      detail: { vendor, dailyBudget: input.dailyBudget },
    });
  }

  let widened = false;
  if (input.history !== undefined) widened = await setHorizon(db, conn, input.history, actor);

  if (keyReplaced || widened) await kickOff(store, id, "manual");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Removes a connection, its key and everything synced through it: activities, tasks,
 * campaigns, identities, cursors and runs go by FK cascade; contacts known only through
 * this connection go too. A running sync is stopped first (and, on PostgreSQL, waited
 * for across instances) so it cannot write rows for a connection that no longer exists.
 */
export async function removeConnection(
  store: Store,
  id: string,
  actor: string,
  opts: { waitMs?: number } = {},
): Promise<void> {
  const { db } = store;
  const [conn] = await db.select().from(t.connections).where(eq(t.connections.id, id));
  if (!conn) throw notFound("Connection");
  cancelSync(id);

  const remove = () =>
    db.transaction(async (tx) => {
      await tx.execute(sql`
        delete from contacts c
        where exists (select 1 from contact_identities i where i.contact_id = c.id and i.connection_id = ${id})
          and not exists (select 1 from contact_identities i where i.contact_id = c.id and i.connection_id <> ${id})`);
      await tx.delete(t.connections).where(eq(t.connections.id, id));
      await tx.insert(t.auditLog).values({
        actor,
        connectionId: id,
        event: "removed",
        detail: { vendor: conn.vendor, label: conn.label, demo: conn.demo },
      });
    });

  const deadline = Date.now() + (opts.waitMs ?? 20_000);
  for (;;) {
    const done = await store.tryWithLock(`sync:${id}`, remove);
    if (done) return;
    if (Date.now() > deadline) {
      // The sync holding the lock did not stop in time (another instance, a hung vendor):
      // remove anyway; its next write fails on the missing connection and it ends.
      log.warn("removing a connection while its sync still runs", { connectionId: id });
      await remove();
      return;
    }
    await sleep(200);
  }
}
