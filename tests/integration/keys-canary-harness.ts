import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import type { Vendor } from "@/lib/model/vendor";
import { VENDORS } from "@/lib/model/vendor";
import * as close from "@/lib/sandbox/close/simulator";
import * as leadlex from "@/lib/sandbox/leadlex/simulator";
import * as lemlist from "@/lib/sandbox/lemlist/simulator";
import type { Simulator } from "@/lib/sandbox/shared/harness";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import * as smartlead from "@/lib/sandbox/smartlead/simulator";
import type { StoreKind } from "@/lib/server/store/db";
import { vendorMeta } from "@/lib/vendors/metas";
import { freshStore } from "@/tests/helpers/stores";
import { addMigratedPglite } from "@/tests/helpers/pglite-dir";

// The app keys-canary.test.ts runs against: one simulator per vendor knowing only its canary
// key, a fresh app (modules, env, data dir) per store kind, and a record of every API answer
// and log line, which the last tests search for the keys.

const world = createWorld({
  seed: 5151,
  people: 40,
  activities: 600,
  campaigns: 4,
  tasks: 40,
  days: 30,
  now: new Date(),
});
const hex = () => crypto.randomBytes(12).toString("hex");

function makeSimulator(vendor: Vendor, apiKey: string, extra: string): Simulator & { basePath: string } {
  switch (vendor) {
    case "lemlist":
      return {
        ...lemlist.createLemlistSimulator(world, { apiKey, extraApiKeys: [extra], rateLimit: null }),
        basePath: lemlist.BASE_PATH,
      };
    case "smartlead":
      return {
        ...smartlead.createSmartleadSimulator(world, { apiKey, rateLimit: { limit: 10_000, windowMs: 1000 } }),
        basePath: smartlead.BASE_PATH,
      };
    case "close":
      return {
        ...close.createCloseSimulator(world, { apiKey, rateLimit: { limit: 10_000, windowMs: 1000 } }),
        basePath: close.BASE_PATH,
      };
    case "leadlex":
      return {
        ...leadlex.createLeadlexSimulator(world, { apiKey, perMinute: 100_000, perDay: 1_000_000 }),
        basePath: leadlex.BASE_PATH,
      };
  }
}

type Call = (typeof import("@/tests/helpers/app-store"))["callRoute"];
type Handler = Parameters<Call>[0];

/**
 * Starts the app for one store kind around the calling describe block. The keys and the
 * records are filled as the tests run, so they must run in order, in one file.
 */
export function canaryApp(kind: StoreKind) {
  const canary = Object.fromEntries(VENDORS.map((v) => [v, `cnry${v}${hex()}`])) as Record<Vendor, string>;
  const replacement = `cnryreplaced${hex()}`;
  const rejected = `cnryrejected${hex()}`;
  const control = `CONTROL${hex()}`;
  const servers: RunningServer[] = [];
  const sims = {} as Record<Vendor, { sim: Simulator; url: string }>;
  const bodies: string[] = [];
  const logs: string[] = [];
  // Named now, made in beforeAll: the tests take it (and `routes`) before the app starts.
  const dataDir = path.join(os.tmpdir(), `touchline-canary-${hex()}`);
  let pg: Awaited<ReturnType<typeof freshStore>> | null = null;
  let call: Call;
  const routes = {} as {
    list: Record<string, Handler>;
    one: Record<string, Handler>;
    sync: Record<string, Handler>;
    audit: Record<string, Handler>;
  };
  const ids = {} as Record<Vendor, string>;

  const api = async (handler: Handler, url: string, opts: Parameters<Call>[2] = {}) => {
    const res = await call(handler, url, opts);
    bodies.push(res.text, JSON.stringify([...res.headers.entries()]));
    return res;
  };
  const waitSync = async (id: string) => {
    for (let i = 0; i < 900; i++) {
      const r = await api(routes.sync.GET!, `/api/v1/connections/${id}/sync`, { params: { id } });
      const s = r.json as { state: string };
      if (s.state !== "running") return r.json as { state: string; error: string | null };
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error("sync did not finish");
  };

  beforeAll(async () => {
    for (const v of VENDORS) {
      const sim = makeSimulator(v, canary[v], replacement);
      const server = await serveHandler(sim.handler);
      servers.push(server);
      sims[v] = { sim, url: server.url + sim.basePath };
    }
    fs.mkdirSync(dataDir, { mode: 0o700 });
    addMigratedPglite(dataDir);
    Object.assign(process.env, {
      TOUCHLINE_DATA_DIR: dataDir,
      TOUCHLINE_DEMO: "off",
      TOUCHLINE_LOG_LEVEL: "debug",
      TOUCHLINE_SECRET_KEY: "",
    });
    for (const v of VENDORS) process.env[vendorMeta(v).baseUrlEnv] = sims[v].url;
    if (kind === "postgres") {
      pg = await freshStore("postgres");
      process.env.DATABASE_URL = (pg as unknown as { url: string }).url;
    } else delete process.env.DATABASE_URL;

    // A fresh app: new module instances (env, store, secrets registry), new globals.
    vi.resetModules();
    const g = globalThis as Record<string, unknown>;
    delete g.__touchlineStore;
    delete g.__touchlineMasterKey;

    const capture = (chunk: unknown) => {
      logs.push(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    for (const m of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(" ")));

    ({ callRoute: call } = await import("@/tests/helpers/app-store"));
    Object.assign(routes, {
      list: (await import("@/app/api/v1/connections/route")) as unknown as Record<string, Handler>,
      one: (await import("@/app/api/v1/connections/[id]/route")) as unknown as Record<string, Handler>,
      sync: (await import("@/app/api/v1/connections/[id]/sync/route")) as unknown as Record<string, Handler>,
      audit: (await import("@/app/api/v1/audit/route")) as unknown as Record<string, Handler>,
    });
    const { getStore } = await import("@/lib/server/store/db");
    const { checkMasterKey, masterKey } = await import("@/lib/server/secrets");
    const store = await getStore();
    await checkMasterKey(store.db, masterKey());
    const { sql } = await import("drizzle-orm");
    // A plain-text control value: proves the database grep in keys-canary.test.ts can see stored strings.
    await store.db.execute(
      sql`insert into settings (key, value) values ('canary_control', ${JSON.stringify(control)}::jsonb)`,
    );
  }, 180_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    if (process.env.CANARY_LOG_FILE) fs.writeFileSync(`${process.env.CANARY_LOG_FILE}.${kind}`, logs.join(""));
    const g = globalThis as { __touchlineStore?: Promise<{ close(): Promise<void> }> };
    await (await g.__touchlineStore)?.close().catch(() => {});
    delete g.__touchlineStore;
    delete (globalThis as Record<string, unknown>).__touchlineMasterKey;
    await Promise.all(servers.map((s) => s.close()));
    await pg?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return { canary, replacement, rejected, control, sims, bodies, logs, dataDir, routes, ids, api, waitSync };
}
