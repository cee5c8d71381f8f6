import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { engagementQuerySchema } from "@/lib/model/engagement";
import { SEED_003_ACTIVITY } from "@/lib/sandbox/leadlex/data";
import { BASE_PATH, createLeadlexSimulator, type LeadlexSimulator } from "@/lib/sandbox/leadlex/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { insertConnection } from "@/lib/server/connections/store";
import { setSandboxBaseUrls } from "@/lib/server/demo/sandbox-registry";
import { budgetOf } from "@/lib/server/queries/connections";
import { campaignEngagement } from "@/lib/server/queries/engagement";
import { queryRows } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";
import { runSync, type RunOptions } from "@/lib/server/sync/engine";
import { refreshContact } from "@/lib/server/sync/refresh";
import { dueConnectionIds } from "@/lib/server/sync/scheduler";
import { createLeadlexConnector } from "@/lib/vendors/leadlex";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { virtualClock, type VirtualClock } from "@/tests/helpers/virtual-clock";

// Issue 13, Leadlex: the daily budget through the real sync engine, scheduler query and
// refresh path into a store, against the simulator over HTTP, on a simulated clock (a day
// of syncs takes seconds, not a day). Starter: 10 requests a minute, 100 a day.
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

const WORLD_NOW = new Date("2026-11-23T18:00:00Z");
const DAY = Date.parse("2026-11-24T00:00:00Z");
const at = (hhmm: string, day = DAY) => day + Number(hhmm.slice(0, 2)) * 3_600_000 + Number(hhmm.slice(3)) * 60_000;
const world = () => createWorld({ people: 120, activities: 4000, campaigns: 6, tasks: 60, days: 90, now: WORLD_NOW });

interface Rig {
  vc: VirtualClock;
  sim: LeadlexSimulator;
  server: RunningServer;
  id: string;
  run: RunOptions;
}

const servers: RunningServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

describe.each(STORE_KINDS)("Leadlex daily budget on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
  }, 120_000);
  afterAll(async () => store?.cleanup());

  async function rig(plan: "starter" | "pro", start: number): Promise<Rig> {
    // One simulated account per test: Leadlex ids are the vendor's, so two connections to it would share rows.
    await store.db.execute(sql`delete from connections`);
    const vc = virtualClock(start);
    const sim = createLeadlexSimulator(world(), { plan, now: vc.now, seedExample: true });
    const server = await serveHandler(sim.handler);
    servers.push(server);
    setSandboxBaseUrls({ leadlex: server.url + BASE_PATH });
    const id = await insertConnection(store.db, { vendor: "leadlex", apiKey: sim.apiKey, demo: true });
    const connector = createLeadlexConnector({ clock: vc, timeoutMs: 5_000 });
    return { vc, sim, server, id, run: { now: vc.date, connectors: { leadlex: connector } } };
  }

  const connection = async (id: string) => {
    const [row] = await store.db.select().from(t.connections).where(eq(t.connections.id, id));
    return row!;
  };

  /** Spends what is left of the day from outside Touchline (another tool on the same key). */
  async function spendTheDay(r: Rig) {
    for (let i = 0; i < 200; i++) {
      if (i % 10 === 0) r.vc.advance(61_000);
      const res = await fetch(`${r.server.url}${BASE_PATH}/v1/campaigns`, {
        headers: { authorization: `Bearer ${r.sim.apiKey}` },
      });
      if (res.status === 429 && res.headers.get("x-ratelimit-remaining") === "0") return;
    }
    throw new Error("the day did not run out");
  }

  it("a simulated day of scheduled syncs on Starter never touches the reserve; Refresh now works at 23:00", async () => {
    const r = await rig("starter", at("00:00"));
    const syncs: { at: string; requests: number }[] = [];
    // The scheduler ticks every 15 minutes and asks the store who is due.
    for (let tick = at("00:00"); tick < at("23:00"); tick += 15 * 60_000) {
      r.vc.set(tick);
      if (!(await dueConnectionIds(store, 15, r.vc.date())).includes(r.id)) continue;
      const before = r.sim.requests();
      const outcome = await runSync(r.id, "interval", store, r.run);
      expect(outcome?.state, outcome?.error ?? "").toBe("succeeded");
      syncs.push({ at: new Date(tick).toISOString().slice(11, 16), requests: r.sim.requests() - before });
      const b = budgetOf("leadlex", (await connection(r.id)).meta, r.vc.now())!;
      expect(b.remaining, `after the sync at ${syncs.at(-1)!.at}`).toBeGreaterThanOrEqual(b.reserve);
      expect(b).toMatchObject({ limit: 100, reserve: 30, plan: "starter", source: "headers" });
    }
    // The interval stretched by itself: about every 2 h 11 min, not 96 syncs of 15 minutes.
    expect(syncs.length).toBeGreaterThanOrEqual(8);
    expect(syncs.length).toBeLessThanOrEqual(11);
    expect(syncs.reduce((n, s) => n + s.requests, 0)).toBeLessThanOrEqual(70);
    const meta = (await connection(r.id)).meta;
    const b = budgetOf("leadlex", meta, r.vc.now())!;
    expect(b.intervalMinutes).toBe(131);
    expect(b.contacts!.total).toBeGreaterThan(20);
    expect(b.contacts!.complete).toBeGreaterThan(0);

    // 23:00: the reserve answers "Refresh now" for the seed's contact.
    r.vc.set(at("23:00"));
    const [contact] = await queryRows<{ contact_id: string }>(
      store.db,
      sql`select contact_id from contact_identities where connection_id = ${r.id} and vendor_id = ${SEED_003_ACTIVITY.contact_id}`,
    );
    const summary = await refreshContact(store, contact!.contact_id, {
      now: r.vc.date,
      connectors: r.run.connectors,
      baseUrlFor: () => r.server.url + BASE_PATH,
    });
    expect(summary.vendors).toEqual([expect.objectContaining({ vendor: "leadlex", status: "ok", error: null })]);
    const [row] = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from activities where id = ${`leadlex:${SEED_003_ACTIVITY.id}`}`,
    );
    expect(row!.n).toBe(1);
  });

  it("a daily-quota 429 pauses the connection until the reset with the plain reason, and nothing is retried", async () => {
    const r = await rig("starter", at("15:00"));
    expect((await runSync(r.id, "interval", store, r.run))?.state).toBe("succeeded");
    r.vc.set(at("17:30"));
    await spendTheDay(r);
    const before = r.sim.requests();
    const failed = await runSync(r.id, "interval", store, r.run);
    expect(failed?.state).toBe("failed");
    expect(failed?.error).toBe("Leadlex daily quota used up; resumes at 00:00 UTC");
    expect(r.sim.requests() - before).toBe(1);
    let conn = await connection(r.id);
    expect(conn.status).toBe("ok");
    expect(conn.lastError).toBe("Leadlex daily quota used up; resumes at 00:00 UTC");
    expect(budgetOf("leadlex", conn.meta, r.vc.now())!.pausedUntil).toBe("2026-11-25T00:00:00.000Z");

    // The scheduler leaves it alone until the reset; a manual sync fails at once without asking.
    for (const hhmm of ["18:00", "21:00", "23:59"]) {
      r.vc.set(at(hhmm));
      expect(await dueConnectionIds(store, 15, r.vc.date()), hhmm).not.toContain(r.id);
    }
    const manual = await runSync(r.id, "manual", store, r.run);
    expect(manual?.error).toBe("Leadlex daily quota used up; resumes at 00:00 UTC");
    expect(r.sim.requests() - before).toBe(1);

    // Just after midnight it is due again and works.
    r.vc.set(Date.parse("2026-11-25T00:01:00Z"));
    expect(await dueConnectionIds(store, 15, r.vc.date())).toContain(r.id);
    expect((await runSync(r.id, "interval", store, r.run))?.state).toBe("succeeded");
    conn = await connection(r.id);
    expect(conn.lastError).toBeNull();
    expect(budgetOf("leadlex", conn.meta, r.vc.now())!.pausedUntil).toBeNull();
  });

  it("an incremental sync with nothing new costs at most 3 requests", async () => {
    const r = await rig("pro", at("12:00"));
    const first = await runSync(r.id, "interval", store, r.run);
    expect(first?.state).toBe("succeeded");
    expect(budgetOf("leadlex", (await connection(r.id)).meta, r.vc.now())!.historyComplete).toBe(true);
    for (const hhmm of ["12:20", "12:40", "13:00"]) {
      r.vc.set(at(hhmm));
      const before = r.sim.requests();
      const again = await runSync(r.id, "interval", store, r.run);
      expect(again?.state).toBe("succeeded");
      expect(r.sim.requests() - before, hhmm).toBeLessThanOrEqual(3);
    }
  });

  it("seed 003's example email arrives with its date, its open as an email_opened item, and counts in engagement", async () => {
    const r = await rig("pro", at("12:00"));
    expect((await runSync(r.id, "interval", store, r.run))?.state).toBe("succeeded");
    const rows = await queryRows<{ id: string; kind: string; occurred_at: string; raw: { derivedFrom?: string } }>(
      store.db,
      sql`select id, kind, occurred_at::text, raw from activities where connection_id = ${r.id} and id like ${`leadlex:${SEED_003_ACTIVITY.id}%`} order by id`,
    );
    expect(rows.map((x) => [x.id, x.kind])).toEqual([
      ["leadlex:act_7f3c4d2a", "email_sent"],
      ["leadlex:act_7f3c4d2a:opened", "email_opened"],
    ]);
    for (const x of rows) expect(Date.parse(x.occurred_at)).toBe(Date.parse("2026-04-17T14:23:05Z"));
    expect(rows[1]!.raw.derivedFrom).toBe("leadlex:act_7f3c4d2a");
    const e = await campaignEngagement(store.db, "leadlex:cmp_abc123", engagementQuerySchema.parse({}));
    expect(e.totals).toMatchObject({ sent: 1, opened: 1, replied: 0 });
    expect(e.rates.open).toBe(1);
    // Every Leadlex campaign shows opens now, not 0 %.
    const [opens] = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from activities where connection_id = ${r.id} and kind = 'email_opened' and campaign_id is not null`,
    );
    expect(opens!.n).toBeGreaterThan(10);
  });
});
