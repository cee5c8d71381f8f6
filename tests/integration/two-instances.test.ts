import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningSandbox } from "@/lib/sandbox";
import { queryRows } from "@/lib/server/store/db";
import { freshStore } from "@/tests/helpers/stores";
import { expectedIds, smallWorld, startWorld, storedIds } from "./sync-harness";
import { insertConnection } from "@/lib/server/connections/store";

// Two processes against one PostgreSQL, both told to sync the same connection at the same
// moment: the advisory lock lets one do the work; the other sees it taken.
const run = promisify(execFile);
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64");

let sandbox: RunningSandbox[];
let store: Awaited<ReturnType<typeof freshStore>>;
beforeAll(async () => {
  sandbox = await startWorld(smallWorld());
  store = await freshStore("postgres");
}, 120_000);
afterAll(async () => {
  await store?.cleanup();
  await Promise.all(sandbox?.map((s) => s.server.close()) ?? []);
});

it("syncs a connection once when two instances are told to at the same time", async () => {
  const lemlist = sandbox.find((s) => s.vendor === "lemlist")!;
  // A real (non-demo) connection: both processes reach the simulator through LEMLIST_API_URL.
  const id = await insertConnection(store.db, { vendor: "lemlist", apiKey: lemlist.apiKey });
  const url = (store as unknown as { url: string }).url;
  const env = {
    ...process.env,
    DATABASE_URL: url,
    LEMLIST_API_URL: lemlist.baseUrl,
    TOUCHLINE_DEMO: "off",
    TOUCHLINE_LOG_LEVEL: "error",
  };
  const startAt = String(Date.now() + 4000);
  const tsx = path.resolve("node_modules/.bin/tsx");
  const script = path.resolve("tests/integration/fixtures/sync-once.ts");
  const results = await Promise.all(
    [1, 2].map(() =>
      run(tsx, ["--conditions=react-server", script, id, startAt], { env, timeout: 120_000 }).then((r) =>
        JSON.parse(r.stdout.trim().split("\n").at(-1)!),
      ),
    ),
  );
  const outcomes = results.map((r) => r.outcome);
  expect(outcomes.filter((o) => o?.state === "succeeded")).toHaveLength(1);
  expect(outcomes.filter((o) => o === null)).toHaveLength(1);
  const runs = await queryRows<{ n: number }>(
    store.db,
    sql`select count(*)::int as n from sync_runs where connection_id = ${id}`,
  );
  expect(runs[0]!.n).toBe(1);
  const stored = await storedIds(store, id);
  expect([...stored.activities].sort()).toEqual([...(await expectedIds(lemlist)).activities].sort());
}, 180_000);
