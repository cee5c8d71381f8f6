import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from "vitest";
import type { ConnectionStatus } from "@/lib/model/connection";
import { VENDORS, type Vendor } from "@/lib/model/vendor";
import type { RunningSandbox } from "@/lib/sandbox";
import type { Faults } from "@/lib/sandbox/shared/faults";
import { insertConnection } from "@/lib/server/connections/store";
import { queryRows } from "@/lib/server/store/db";
import { runSync, type RunOptions } from "@/lib/server/sync/engine";
import { freshStore } from "@/tests/helpers/stores";
import { currentFaults, expectedIds, keyForms, setFaults, smallWorld, startWorld, storedIds } from "./sync-harness";

// Every vendor × every fault the simulators inject, through the real sync engine into
// PGlite: the sync ends with every row or with a stored, readable, key-free error, and
// the next sync (faults cleared) resumes from what was committed and ends with every row.
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

/** Short enough that a hang costs seconds, long enough that a busy CI machine does not time out a healthy request. */
const RUN: RunOptions = { http: { timeoutMs: 1_500, maxBackoffMs: 100 } };

/** A path of a stream that runs after another has committed, per vendor (outages that strike mid-sync). */
const LATER_STREAM: Record<Vendor, string> = {
  lemlist: "/activities",
  smartlead: "all-leads-activities",
  close: "/activity/",
  leadlex: "/activities",
};

type Want = { state: "succeeded" } | { state: "failed"; status: ConnectionStatus; error: RegExp };

interface FaultCase {
  name: string;
  /** Set before the sync starts. */
  before?: (v: Vendor) => Faults;
  /** Set once the sync has committed activity rows. */
  midSync?: Faults;
  /** Counters the run must have used up (so the fault really struck). */
  consumed?: (keyof Faults)[];
  /** The fault adds rows at the vendor during the sync (page drift). */
  grows?: boolean;
  want: Want;
}

const CASES: FaultCase[] = [
  {
    name: "429 storm",
    before: () => ({ status429: 6, retryAfterSeconds: 0.2 }),
    consumed: ["status429"],
    want: { state: "succeeded" },
  },
  {
    name: "short 5xx burst",
    before: () => ({ status5xx: 3, errorStatus: 503 }),
    consumed: ["status5xx"],
    want: { state: "succeeded" },
  },
  {
    name: "5xx outage",
    before: (v) => ({ status5xx: 100_000, errorStatus: 502, pathIncludes: LATER_STREAM[v] }),
    want: { state: "failed", status: "unreachable", error: /could not be reached.*HTTP 502/ },
  },
  { name: "hang", before: () => ({ hang: 2 }), consumed: ["hang"], want: { state: "succeeded" } },
  {
    name: "malformed JSON",
    before: () => ({ malformedJson: 3 }),
    consumed: ["malformedJson"],
    want: { state: "succeeded" },
  },
  { name: "truncated body", before: () => ({ truncate: 3 }), consumed: ["truncate"], want: { state: "succeeded" } },
  {
    name: "key revoked mid-sync",
    // A little latency so the sync is still reading when the revocation lands.
    before: () => ({ latencyMs: 25 }),
    midSync: { revokeKey: true },
    want: { state: "failed", status: "key_rejected", error: /rejected the key \(HTTP 401\)/ },
  },
  // Last: drift adds rows to the simulator for good, so the vendor's expected set is read again after it.
  { name: "page drift", before: () => ({ driftPerRequest: 2 }), grows: true, want: { state: "succeeded" } },
];

type Ids = Awaited<ReturnType<typeof storedIds>>;
const KINDS = ["activities", "tasks", "campaigns"] as const;
const sorted = (s: Set<string>) => [...s].sort();

function expectSameIds(expect: ExpectStatic, actual: Ids, want: Ids, label: string) {
  for (const k of KINDS) expect(sorted(actual[k]), `${label}: ${k}`).toEqual(sorted(want[k]));
}

let sandbox: RunningSandbox[];

beforeAll(async () => {
  sandbox = await startWorld(smallWorld());
}, 60_000);
afterAll(async () => {
  await Promise.all(sandbox?.map((s) => setFaults(s, null).catch(() => {})) ?? []);
  await Promise.all(sandbox?.map((s) => s.server.close()) ?? []);
});

// Vendors run side by side (own simulator, own store: nothing shared but the clock); the
// cases of one vendor run in order, since they share its simulator's fault state.
describe.each(VENDORS)("%s under vendor faults", { concurrent: true }, (vendor) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let sim: RunningSandbox;
  let expected: Ids;
  let connectionId: string | null = null;

  beforeAll(async () => {
    sim = sandbox.find((s) => s.vendor === vendor)!;
    store = await freshStore("pglite");
    expected = await expectedIds(sim);
    expect(expected.activities.size, `${vendor} has activities to sync`).toBeGreaterThan(50);
  }, 120_000);
  afterAll(async () => {
    await setFaults(sim, null).catch(() => {});
    await store?.cleanup();
  });

  const connection = async () => {
    const [row] = await queryRows<{ status: string; last_error: string | null; last_sync_at: string | null }>(
      store.db,
      sql`select status, last_error, last_sync_at from connections where id = ${connectionId}`,
    );
    const [run] = await queryRows<{ state: string; error: string | null }>(
      store.db,
      sql`select state, error from sync_runs where connection_id = ${connectionId} order by started_at desc limit 1`,
    );
    return { ...row!, run: run! };
  };

  it.sequential.for(CASES.map((c): [string, FaultCase] => [c.name, c]))(
    "%s",
    { timeout: 90_000 },
    async ([, c], { expect }) => {
      // Each case starts from nothing: a new connection (the previous one and its rows are removed).
      await setFaults(sim, null);
      if (connectionId) await store.db.execute(sql`delete from connections where id = ${connectionId}`);
      connectionId = await insertConnection(store.db, { vendor, apiKey: sim.apiKey, demo: true });
      const id = connectionId;

      if (c.before) await setFaults(sim, c.before(vendor));
      const sync = runSync(id, "manual", store, RUN);
      let struckMidSync = false;
      if (c.midSync) {
        let settled = false;
        void sync.finally(() => (settled = true));
        // Bounded by the sync itself: once it ends, the fault can no longer land mid-sync.
        while (!settled) {
          const [n] = await queryRows<{ n: number }>(
            store.db,
            sql`select count(*)::int as n from activities where connection_id = ${id}`,
          );
          if (n!.n > 0) {
            await setFaults(sim, c.midSync);
            struckMidSync = !settled;
            break;
          }
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      const first = await sync;
      const left = await currentFaults(sim);
      await setFaults(sim, null);
      if (c.midSync)
        expect(struckMidSync, "the fault landed after some rows were committed and before the sync ended").toBe(true);
      for (const key of c.consumed ?? []) expect(left[key], `${key} used up by the sync`).toBe(0);

      const afterFirst = await storedIds(store, id);
      const state = await connection();
      if (c.grows) {
        // The simulator grew during the sync: nothing that existed before may be missing,
        // nothing may be stored that the vendor does not have.
        const grown = await expectedIds(sim);
        expect(grown.activities.size, "drift added activities").toBeGreaterThan(expected.activities.size);
        for (const k of KINDS) {
          for (const x of expected[k]) expect(afterFirst[k].has(x), `${k} ${x} existed before the sync`).toBe(true);
          for (const x of afterFirst[k]) expect(grown[k].has(x), `${k} ${x} is the vendor's`).toBe(true);
        }
        expected = grown;
      }

      expect(first?.state, `first sync: ${first?.error}`).toBe(c.want.state);
      if (c.want.state === "succeeded") {
        if (!c.grows) expectSameIds(expect, afterFirst, expected, "after the sync under the fault");
        expect(state.status).toBe("ok");
        expect(state.last_error).toBeNull();
      } else {
        // A readable error, stored on the connection and the run, naming the vendor and never the key.
        expect(state.status).toBe(c.want.status);
        expect(state.last_error).toMatch(c.want.error);
        expect(state.last_error).toContain(vendor);
        expect(state.last_error!.length).toBeLessThan(500);
        expect(state.run).toEqual({ state: "failed", error: state.last_error });
        for (const form of keyForms(sim.apiKey)) expect(state.last_error).not.toContain(form);
        // Committed before the failure, and nothing the vendor does not have.
        for (const k of KINDS)
          for (const x of afterFirst[k]) expect(expected[k].has(x), `${k} ${x} is the vendor's`).toBe(true);
        const [run] = await queryRows<{ pages: number }>(
          store.db,
          sql`select coalesce((progress->>'pages')::int, 0) as pages from sync_runs where id = ${first!.syncId}`,
        );
        expect(run!.pages, "pages were committed before the failure").toBeGreaterThan(0);
      }

      // Faults cleared: the next sync resumes from the stored cursors and ends with every row.
      // A cursor that had moved past unsynced data would leave those rows out here.
      const again = await runSync(id, "interval", store, RUN);
      expect(again?.state, `resumed sync: ${again?.error}`).toBe("succeeded");
      expectSameIds(expect, await storedIds(store, id), expected, "after the resumed sync");
      const healed = await connection();
      expect(healed.status).toBe("ok");
      expect(healed.last_error).toBeNull();
      expect(healed.last_sync_at).not.toBeNull();
      expect(healed.run).toEqual({ state: "succeeded", error: null });
    },
  );
});
