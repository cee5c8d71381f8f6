import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { VENDORS, type Vendor } from "@/lib/model/vendor";
import type { RunningSandbox } from "@/lib/sandbox";
import { openStore, queryRows, type Store } from "@/lib/server/store/db";
import { expectedIds, smallWorld, startWorld, storedIds } from "@/tests/integration/sync-harness";

// Scale-out (README "Running for a team"): two `next start` processes from the production
// build on one PostgreSQL, sharing TOUCHLINE_SECRET_KEY, with no sticky anything. Connections
// are added through both, every sync is triggered on both at once, and each connection must
// still be synced by exactly one run; then every read answers the same from either instance,
// with a session cookie one of them issued. Run by `npm test` after the build
// (vitest.scale.config.ts); set TOUCHLINE_SCALE_PORTS=a,b to pin the two ports.

const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const ADMIN = { email: "scale@touchline.test", password: "scale-out-password-1" };
/** Which instance adds which vendor: both instances write. */
const ADDED_VIA: Record<Vendor, 0 | 1> = { lemlist: 0, smartlead: 1, close: 0, leadlex: 1 };

interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

let sandbox: RunningSandbox[] = [];
let dbName: string | undefined;
let dbUrl: string;
let store: Store | undefined;
let instances: Instance[] = [];
let cookie = "";
const dataDirs: string[] = [];
const connectionIds = {} as Record<Vendor, string>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on now (0: any the OS picks); throws when `port` is taken. */
async function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", (err) => reject(new Error(`port ${port} is taken (${err.message})`)));
    srv.listen(port, "127.0.0.1", () => {
      const { port: got } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(got));
    });
  });
}

async function ports(): Promise<[number, number]> {
  const pinned = process.env.TOUCHLINE_SCALE_PORTS?.split(",").map(Number);
  // A taken port would send the health checks to someone else's server.
  if (pinned?.length === 2 && pinned.every((p) => Number.isInteger(p) && p > 0))
    return [await freePort(pinned[0]), await freePort(pinned[1])];
  const a = await freePort();
  let b = await freePort();
  while (b === a) b = await freePort();
  return [a, b];
}

/** The environment of one instance: only what a deployment would set, nothing of Vitest's. */
function instanceEnv(port: number, dataDir: string, secret: string): NodeJS.ProcessEnv {
  const url = (v: Vendor) => sandbox.find((s) => s.vendor === v)!.baseUrl;
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "NEXT_DIST_DIR"];
  return {
    ...Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    TOUCHLINE_DATA_DIR: dataDir,
    TOUCHLINE_DEMO: "off",
    TOUCHLINE_SECRET_KEY: secret,
    TOUCHLINE_ADMIN_EMAIL: ADMIN.email,
    TOUCHLINE_ADMIN_PASSWORD: ADMIN.password,
    // Longest interval: the scheduler runs, as in production, but finds nothing due.
    TOUCHLINE_SYNC_INTERVAL_MINUTES: "1440",
    TOUCHLINE_LOG_LEVEL: "warn",
    LEMLIST_API_URL: url("lemlist"),
    SMARTLEAD_API_URL: url("smartlead"),
    CLOSE_API_URL: url("close"),
    LEADLEX_API_URL: url("leadlex"),
  };
}

function startInstance(name: string, env: NodeJS.ProcessEnv): Instance {
  // Its own process group, so stopping it also stops the `next start` that start.mjs spawns.
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, base: `http://127.0.0.1:${env.PORT}`, child, output, exited };
}

async function waitHealthy(i: Instance, deadline: number): Promise<{ status: string; db: string }> {
  let gone: number | null | undefined;
  void i.exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined)
      throw new Error(`instance ${i.name} exited (${gone}) before it was healthy:\n${i.output.join("")}`);
    const res = await fetch(`${i.base}/api/v1/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (res?.ok) return (await res.json()) as { status: string; db: string };
    await sleep(300);
  }
  throw new Error(`instance ${i.name} was not healthy in time:\n${i.output.join("")}`);
}

async function stopInstance(i: Instance): Promise<void> {
  if (i.child.exitCode !== null || i.child.signalCode !== null) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-i.child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal("SIGTERM");
  const stopped = await Promise.race([i.exited.then(() => true), sleep(8_000).then(() => false)]);
  if (!stopped) signal("SIGKILL");
}

/** One API request to an instance as the signed-in admin; state-changing ones carry that instance's Origin. */
async function api(i: Instance, method: string, p: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (cookie) headers.cookie = cookie;
  if (method !== "GET") headers.origin = i.base;
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${i.base}/api/v1${p}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}

async function apiJson<T>(i: Instance, method: string, p: string, status: number, body?: unknown): Promise<T> {
  const res = await api(i, method, p, body);
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${p} on ${i.name}: ${res.status}, expected ${status}: ${text}`);
  return JSON.parse(text) as T;
}

interface ConnectionView {
  id: string;
  vendor: Vendor;
  lastError: string | null;
  sync: { id: string | null; state: string; error: string | null };
}

/** Waits (bounded) until no connection has a running sync, asking each instance in turn. */
async function syncsSettled(timeoutMs: number): Promise<ConnectionView[]> {
  const deadline = Date.now() + timeoutMs;
  for (let n = 0; Date.now() < deadline; n++) {
    const { data } = await apiJson<{ data: ConnectionView[] }>(instances[n % 2]!, "GET", "/connections", 200);
    if (data.length === VENDORS.length && data.every((c) => c.sync.state !== "running" && c.sync.state !== "idle"))
      return data;
    await sleep(500);
  }
  throw new Error(`syncs still running after ${timeoutMs} ms`);
}

interface RunRow {
  id: string;
  connectionId: string;
  state: string;
  trigger: string;
}
const runsOf = async (connectionId: string) =>
  queryRows<RunRow>(
    store!.db,
    sql`select id, connection_id as "connectionId", state, trigger from sync_runs where connection_id = ${connectionId} order by started_at, id`,
  );

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, distDir, "BUILD_ID")))
    throw new Error(`no production build in ${distDir}/: run \`next build\` first (npm test does)`);
  sandbox = await startWorld(smallWorld());

  // An empty database: the two instances migrate it themselves, at the same time.
  const adminUrl = inject("pgUrl");
  dbName = `scale_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  dbUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);

  const secret = crypto.randomBytes(32).toString("base64");
  const [portA, portB] = await ports();
  instances = (
    [
      ["A", portA],
      ["B", portB],
    ] as const
  ).map(([name, port]) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `touchline-scale-${name}-`));
    dataDirs.push(dir);
    return startInstance(name, instanceEnv(port, dir, secret));
  });
  const deadline = Date.now() + 75_000;
  const health = await Promise.all(instances.map((i) => waitHealthy(i, deadline)));
  expect(health.map((h) => [h.status, h.db])).toEqual([
    ["ok", "postgres"],
    ["ok", "postgres"],
  ]);
  store = await openStore({ kind: "postgres", url: dbUrl });

  // Signed in on A only: every later request, to either instance, carries A's cookie.
  const res = await api(instances[0]!, "POST", "/session", ADMIN);
  expect(res.status).toBe(204);
  const set = res.headers.getSetCookie().find((c) => c.startsWith("touchline_session="));
  expect(set).toBeDefined();
  cookie = set!.split(";")[0]!;
}, 120_000);

afterAll(async () => {
  await Promise.all(instances.map(stopInstance));
  await store?.close();
  await Promise.all(sandbox.map((s) => s.server.close()));
  if (dbName) {
    const admin = new pg.Client({ connectionString: inject("pgUrl") });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

it("accepts a session cookie issued by the other instance", async () => {
  const [a, b] = instances as [Instance, Instance];
  const anonymous = await fetch(`${b.base}/api/v1/connections`, { signal: AbortSignal.timeout(10_000) });
  expect(anonymous.status).toBe(401);
  for (const i of [a, b])
    expect(await apiJson<{ email: string; via: string }>(i, "GET", "/session", 200)).toMatchObject({
      email: ADMIN.email,
    });
  // And a state-changing request on B with A's cookie passes B's Origin check.
  const token = await apiJson<{ id: string; token: string }>(b, "POST", "/tokens", 201, { name: "scale-out" });
  expect(token.token.length).toBeGreaterThan(20);
  expect((await api(a, "DELETE", `/tokens/${token.id}`)).status).toBe(204);
});

it("syncs each connection once when both instances are told to sync it while it runs", async () => {
  // A little latency per vendor request: the first sync cannot finish before both
  // instances have been asked to sync again, however busy the machine.
  for (const s of sandbox) s.simulator.faults.set({ latencyMs: 25 });
  await Promise.all(
    sandbox.map(async (s) => {
      const via = instances[ADDED_VIA[s.vendor]]!;
      // Adding a connection starts its first sync; the 201 carries that run.
      const created = await apiJson<ConnectionView>(via, "POST", "/connections", 201, {
        vendor: s.vendor,
        apiKey: s.apiKey,
        label: `${s.vendor} via ${via.name}`,
      });
      connectionIds[s.vendor] = created.id;
      expect(created.sync.id, s.vendor).toBeTruthy();
      const answers = await Promise.all(
        instances.map((i) => apiJson<{ syncId: string }>(i, "POST", `/connections/${created.id}/sync`, 202)),
      );
      // Both instances point at the run already going, wherever it runs.
      expect(
        answers.map((x) => x.syncId),
        s.vendor,
      ).toEqual([created.sync.id, created.sync.id]);
    }),
  );
  const settled = await syncsSettled(90_000);
  for (const s of sandbox) s.simulator.faults.clear();
  for (const c of settled)
    expect({ vendor: c.vendor, state: c.sync.state, error: c.sync.error }).toEqual({
      vendor: c.vendor,
      state: "succeeded",
      error: null,
    });

  for (const vendor of VENDORS) {
    const runs = await runsOf(connectionIds[vendor]);
    expect(
      runs.map((r) => [r.trigger, r.state]),
      vendor,
    ).toEqual([["created", "succeeded"]]);
  }
}, 120_000);

it("runs one sync when both instances start one for an idle connection at the same moment", async () => {
  await syncsSettled(60_000);
  const before = Object.fromEntries(
    await Promise.all(VENDORS.map(async (v) => [v, await runsOf(connectionIds[v])] as const)),
  ) as Record<Vendor, RunRow[]>;
  // Latency on every vendor request keeps each sync going well past the other
  // instance's request, so a second run could only come from a missing lock.
  for (const s of sandbox) s.simulator.faults.set({ latencyMs: 120 });
  try {
    const answers = await Promise.all(
      VENDORS.map(async (vendor) => ({
        vendor,
        ids: (
          await Promise.all(
            instances.map((i) =>
              apiJson<{ syncId: string }>(i, "POST", `/connections/${connectionIds[vendor]}/sync`, 202),
            ),
          )
        ).map((x) => x.syncId),
      })),
    );
    const settled = await syncsSettled(60_000);
    for (const c of settled)
      expect({ vendor: c.vendor, state: c.sync.state, error: c.sync.error }).toEqual({
        vendor: c.vendor,
        state: "succeeded",
        error: null,
      });
    for (const { vendor, ids } of answers) {
      const runs = await runsOf(connectionIds[vendor]);
      const earlier = new Set(before[vendor].map((r) => r.id));
      const fresh = runs.filter((r) => !earlier.has(r.id));
      expect(
        fresh.map((r) => [r.trigger, r.state]),
        vendor,
      ).toEqual([["manual", "succeeded"]]);
      // Both instances answer the one run that did the work: the loser waits for the
      // winner's run row instead of answering the previous, finished run.
      expect(ids, vendor).toEqual(ids.map(() => fresh[0]!.id));
    }
  } finally {
    for (const s of sandbox) s.simulator.faults.clear();
  }
}, 120_000);

it("stored exactly what the vendors hold", async () => {
  for (const s of sandbox) {
    const [stored, expected] = await Promise.all([storedIds(store!, connectionIds[s.vendor]), expectedIds(s)]);
    expect(stored.activities.size, s.vendor).toBeGreaterThan(0);
    expect([...stored.activities].sort(), `${s.vendor} activities`).toEqual([...expected.activities].sort());
    expect([...stored.tasks].sort(), `${s.vendor} tasks`).toEqual([...expected.tasks].sort());
    expect([...stored.campaigns].sort(), `${s.vendor} campaigns`).toEqual([...expected.campaigns].sort());
  }
}, 60_000);

it("answers every read the same through either instance", async () => {
  const [a, b] = instances as [Instance, Instance];
  const same = async (p: string): Promise<string> => {
    const [ra, rb] = await Promise.all([api(a, "GET", p), api(b, "GET", p)]);
    const [ta, tb] = await Promise.all([ra.text(), rb.text()]);
    expect([ra.status, rb.status], p).toEqual([200, 200]);
    expect(tb, `${p}: B differs from A`).toBe(ta);
    return ta;
  };

  const connections = JSON.parse(await same("/connections")) as { data: ConnectionView[] };
  expect(connections.data.map((c) => c.vendor).sort()).toEqual([...VENDORS].sort());

  const page1 = JSON.parse(await same("/contacts?limit=50")) as {
    data: { id: string; activityCount: number }[];
    nextCursor: string | null;
  };
  expect(page1.data).toHaveLength(50);
  expect(page1.nextCursor).toBeTruthy();
  await same(`/contacts?limit=50&cursor=${encodeURIComponent(page1.nextCursor!)}`);

  const contact = page1.data.find((c) => c.activityCount > 0)!;
  await same(`/contacts/${encodeURIComponent(contact.id)}`);
  const timeline = JSON.parse(await same(`/contacts/${encodeURIComponent(contact.id)}/timeline?limit=200`)) as {
    data: unknown[];
  };
  expect(timeline.data.length).toBeGreaterThan(0);

  const overdue = JSON.parse(await same("/tasks?due=overdue&tz=Europe/Paris&limit=500")) as {
    data: unknown[];
    total: number;
  };
  expect(overdue.data.length).toBeGreaterThan(0);
  await same("/tasks?status=all&due=all&sort=-dueAt&limit=500");

  const campaigns = JSON.parse(await same("/campaigns")) as { data: { id: string; totals: { sent: number } }[] };
  const [{ n }] = (await queryRows<{ n: number }>(store!.db, sql`select count(*)::int as n from campaigns`)) as [
    { n: number },
  ];
  expect(campaigns.data).toHaveLength(n);
  const busiest = [...campaigns.data].sort((x, y) => y.totals.sent - x.totals.sent)[0]!;
  expect(busiest.totals.sent).toBeGreaterThan(0);
  const engagement = JSON.parse(
    await same(`/campaigns/${encodeURIComponent(busiest.id)}/engagement?interval=week&tz=Europe/Paris`),
  ) as { series: unknown[] };
  expect(engagement.series.length).toBeGreaterThan(0);
}, 60_000);
