import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as close from "@/lib/sandbox/close/simulator";
import * as lemlist from "@/lib/sandbox/lemlist/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { STORE_KINDS, freshStore } from "@/tests/helpers/stores";
import { AppError } from "../http/errors";
import { queryRows } from "../store/db";
import * as t from "../store/schema";
import { pgliteDataDir } from "@/tests/helpers/pglite-dir";

const KEYS = { lemlist: "lemlist-commands-test-key", close: "close-commands-test-key" };
const world = createWorld({
  seed: 4711,
  people: 60,
  activities: 800,
  campaigns: 3,
  tasks: 40,
  days: 30,
  now: new Date(),
});
const servers: RunningServer[] = [];

beforeAll(async () => {
  const l = lemlist.createLemlistSimulator(world, { apiKey: KEYS.lemlist, rateLimit: null });
  const c = close.createCloseSimulator(world, { apiKey: KEYS.close, rateLimit: { limit: 10_000, windowMs: 1000 } });
  const [ls, cs] = [await serveHandler(l.handler), await serveHandler(c.handler)];
  servers.push(ls, cs);
  Object.assign(process.env, {
    LEMLIST_API_URL: ls.url + lemlist.BASE_PATH,
    CLOSE_API_URL: cs.url + close.BASE_PATH,
    TOUCHLINE_DEMO: "off",
    TOUCHLINE_DATA_DIR: pgliteDataDir("touchline-commands-"),
  });
});
afterAll(async () => Promise.all(servers.map((s) => s.close())));

async function waitIdle(store: { tryWithLock: (k: string, fn: () => Promise<void>) => Promise<unknown> }, id: string) {
  for (let i = 0; i < 600; i++) {
    if (await store.tryWithLock(`sync:${id}`, async () => {})) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("sync still running");
}

const count = async (db: Awaited<ReturnType<typeof freshStore>>["db"], table: string, id: string) =>
  (
    await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where connection_id = ${id}`,
    )
  )[0]!.n;

describe.each(STORE_KINDS)("connection commands on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(async () => store?.cleanup());

  it("tests the key first: a rejected key stores nothing and is audited without the key", async () => {
    const { createConnection } = await import("./commands");
    const err = await createConnection(
      store,
      { vendor: "lemlist", apiKey: "definitely-not-the-key" },
      "ada@example.com",
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    expect((err as AppError).message).toMatch(/lemlist rejected this API key/);
    expect(await store.db.select().from(t.connections)).toEqual([]);
    const audit = await store.db.select().from(t.auditLog);
    expect(audit.map((a) => [a.event, a.actor, a.detail.result])).toEqual([["tested", "ada@example.com", "failed"]]);
    expect(JSON.stringify(audit)).not.toContain("definitely-not-the-key");
  });

  it("an unreachable vendor is a 502 in words, and nothing is stored", async () => {
    const { verifyVendorKey } = await import("./verify");
    const saved = process.env.CLOSE_API_URL;
    const { env } = await import("@/lib/env");
    const e = env() as { CLOSE_API_URL?: string };
    const before = e.CLOSE_API_URL;
    e.CLOSE_API_URL = "http://127.0.0.1:9/api/v1"; // nothing listens on the discard port
    try {
      const err = await verifyVendorKey("close", KEYS.close, { timeoutMs: 20_000 }).catch((x: unknown) => x);
      expect((err as AppError).status).toBe(502);
      expect((err as AppError).message).toMatch(/Close could not be reached.*Nothing was saved/);
    } finally {
      e.CLOSE_API_URL = before;
      process.env.CLOSE_API_URL = saved;
    }
  }, 60_000);

  it("creates, renames, keeps the key on the mask, and removes a connection with its synced data", async () => {
    const { createConnection, removeConnection, updateConnection } = await import("./commands");
    const { getConnection } = await import("../queries/connections");
    const l = await createConnection(
      store,
      { vendor: "lemlist", label: "Outbound", apiKey: KEYS.lemlist },
      "ada@example.com",
    );
    await waitIdle(store, l);
    const c = await createConnection(store, { vendor: "close", apiKey: KEYS.close }, "ada@example.com");
    await waitIdle(store, c);
    expect((await getConnection(c, store.db))!.label).toBe("Close");
    for (const table of ["activities", "contact_identities", "sync_runs", "sync_cursors"]) {
      expect(await count(store.db, table, l), table).toBeGreaterThan(0);
      expect(await count(store.db, table, c), table).toBeGreaterThan(0);
    }

    await updateConnection(
      store,
      l,
      { label: "Outbound EU", apiKey: "••••" + KEYS.lemlist.slice(-4) },
      "bo@example.com",
    );
    const renamed = (await getConnection(l, store.db))!;
    expect(renamed).toMatchObject({ label: "Outbound EU", keyHint: "••••" + KEYS.lemlist.slice(-4) });
    await expect(updateConnection(store, l, { apiKey: "••••zzzz" }, "bo@example.com")).rejects.toThrow(/apiKey/);
    await expect(updateConnection(store, "conn_nope", { label: "x" }, "bo@example.com")).rejects.toThrow(/not found/);

    const contactsOf = async (id: string) =>
      new Set(
        (
          await queryRows<{ contact_id: string }>(
            store.db,
            sql`select distinct contact_id from contact_identities where connection_id = ${id}`,
          )
        ).map((r) => r.contact_id),
      );
    const lemlistPeople = await contactsOf(l);
    const closePeople = await contactsOf(c);
    const shared = [...lemlistPeople].filter((id) => closePeople.has(id));
    const onlyLemlist = [...lemlistPeople].filter((id) => !closePeople.has(id));
    expect(shared.length).toBeGreaterThan(0);
    expect(onlyLemlist.length).toBeGreaterThan(0);
    const closeActivities = await count(store.db, "activities", c);

    await removeConnection(store, l, "bo@example.com");
    for (const table of ["activities", "tasks", "campaigns", "contact_identities", "sync_runs", "sync_cursors"])
      expect(await count(store.db, table, l), table).toBe(0);
    expect(await getConnection(l, store.db)).toBeNull();
    const remaining = new Set((await store.db.select({ id: t.contacts.id }).from(t.contacts)).map((r) => r.id));
    expect(onlyLemlist.filter((id) => remaining.has(id))).toEqual([]);
    expect(shared.every((id) => remaining.has(id))).toBe(true);
    expect(await count(store.db, "activities", c)).toBe(closeActivities);
    const orphans = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from contacts c where not exists (select 1 from contact_identities i where i.contact_id = c.id)`,
    );
    expect(orphans[0]!.n).toBe(0);
    await expect(removeConnection(store, l, "bo@example.com")).rejects.toThrow(/not found/);

    const events = (
      await store.db
        .select()
        .from(t.auditLog)
        .where(sql`${t.auditLog.connectionId} = ${l}`)
        .orderBy(t.auditLog.id)
    ).map((a) => a.event);
    expect(events).toEqual(["created", "tested", "synced", "renamed", "removed"]);
    const { listAudit } = await import("../queries/audit");
    const page = await listAudit({ limit: 3, connectionId: l }, store.db);
    expect(page.data.map((e) => e.event)).toEqual(["removed", "renamed", "synced"]);
    expect(page.data[0]).toMatchObject({ connectionLabel: "Outbound EU", vendor: "lemlist", actor: "bo@example.com" });
    const next = await listAudit({ limit: 3, connectionId: l, cursor: page.nextCursor! }, store.db);
    expect(next.data.map((e) => e.event)).toEqual(["tested", "created"]);
    // Older entries of the removed connection still name it.
    expect(next.data.map((e) => [e.connectionLabel, e.vendor])).toEqual([
      ["Outbound EU", "lemlist"],
      ["Outbound EU", "lemlist"],
    ]);
    expect(next.nextCursor).toBeNull();
  }, 180_000);
  it("daily-budget settings (Leadlex): the plan and scheduled share are stored on the connection and re-plan the next sync", async () => {
    const { updateConnection } = await import("./commands");
    const { getConnection } = await import("../queries/connections");
    const { insertConnection } = await import("./store");
    const id = await insertConnection(store.db, { vendor: "leadlex", apiKey: "wbk_settings_test_key" });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const meta = { nextSyncAt: later, quota: { limit: 100, remaining: 60, resetAt: later, source: "headers" } };
    await store.db.execute(sql`update connections set meta = ${JSON.stringify(meta)}::jsonb where id = ${id}`);
    await updateConnection(store, id, { dailyBudget: { plan: "pro" } }, "ada@example.com");
    await updateConnection(store, id, { dailyBudget: { scheduledShare: 0.5 } }, "ada@example.com");
    const [row] = await store.db
      .select()
      .from(t.connections)
      .where(sql`${t.connections.id} = ${id}`);
    expect(row!.meta.budgetSettings).toEqual({ plan: "pro", scheduledShare: 0.5 });
    expect(row!.meta.nextSyncAt).toBeUndefined(); // due at the next tick, planned anew
    expect((await getConnection(id, store.db))!.budget).toMatchObject({
      planSetting: "pro",
      scheduledShare: 0.5,
      limit: 100,
      used: 40,
      reserve: 50,
    });
    // While paused (the day's quota used up), the pause holds.
    const pause = { pausedUntil: later, nextSyncAt: later };
    await store.db.execute(sql`update connections set meta = meta || ${JSON.stringify(pause)}::jsonb where id = ${id}`);
    await updateConnection(store, id, { dailyBudget: { plan: "starter" } }, "ada@example.com");
    const [paused] = await store.db
      .select()
      .from(t.connections)
      .where(sql`${t.connections.id} = ${id}`);
    expect(paused!.meta.nextSyncAt).toBe(later);
    const audit = await store.db
      .select()
      .from(t.auditLog)
      .where(sql`${t.auditLog.connectionId} = ${id}`);
    expect(audit.filter((a) => a.event === "settings_changed")).toHaveLength(3);

    const lemlistId = await insertConnection(store.db, { vendor: "lemlist", apiKey: "lemlist-settings-test" });
    // A vendor without a daily quota has no budget settings; a plan must be one of the vendor's.
    const refused = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as AppError);
    const noQuota = await refused(
      updateConnection(store, lemlistId, { dailyBudget: { plan: "pro" } }, "ada@example.com"),
    );
    expect(noQuota).toBeInstanceOf(AppError);
    expect(noQuota!.status).toBe(400);
    expect(noQuota!.message).toMatch(/lemlist has no daily request quota/);
    const unknownPlan = await refused(
      updateConnection(store, id, { dailyBudget: { plan: "gold" } }, "ada@example.com"),
    );
    expect(unknownPlan!.status).toBe(400);
    expect(unknownPlan!.message).toMatch(/plan must be one of auto, starter, pro/);
    expect(audit.filter((a) => a.event === "settings_changed")[0]!.detail).toMatchObject({ dailyBudget: {} });
  });
});
