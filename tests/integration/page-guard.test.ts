import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Vendor } from "@/lib/model/vendor";
import type { RunningSandbox } from "@/lib/sandbox";
import { getConnection } from "@/lib/server/queries/connections";
import { runSync } from "@/lib/server/sync/engine";
import { freshStore } from "@/tests/helpers/stores";
import { createWorld } from "@/lib/sandbox";
import { createSmartleadConnector } from "@/lib/vendors/smartlead";
import { connectAll, setFaults, smallWorld, startWorld } from "./sync-harness";

// Every vendor, over HTTP, through the sync engine, with the simulators ignoring every
// paging parameter (`ignorePaging`): each stream stops after one repeated page instead of
// looping, the sync ends, and the warning is on the run — in the connection API.
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

let sandbox: RunningSandbox[];
let store: Awaited<ReturnType<typeof freshStore>>;
let conns: Record<Vendor, string>;

beforeAll(async () => {
  // Enough people that Leadlex's contact listing (100 a page) needs a second page.
  sandbox = await startWorld(createWorld({ ...smallWorld().options, people: 260, activities: 6000 }));
  store = await freshStore("pglite");
  conns = await connectAll(store, sandbox);
  for (const s of sandbox) await setFaults(s, { ignorePaging: true });
}, 60_000);
afterAll(async () => {
  await store?.cleanup();
  for (const s of sandbox ?? []) await s.server.close();
});

describe("a vendor that ignores the paging parameter", () => {
  it.each(["lemlist", "smartlead", "close", "leadlex"] as const)(
    "%s: the sync ends, and the run says which streams stopped on a repeated page",
    async (vendor) => {
      const started = Date.now();
      const outcome = await runSync(conns[vendor], "manual", store, {
        http: { timeoutMs: 5000, maxBackoffMs: 20 },
        // Smartlead windows hold fewer leads than its 1000 a page here: pages of 20 make them page.
        connectors: { smartlead: createSmartleadConnector({ pageLimit: 20 }) },
      });
      expect(outcome?.state, outcome?.error ?? "").toBe("succeeded");
      expect(Date.now() - started).toBeLessThan(60_000);
      const conn = (await getConnection(conns[vendor], store.db))!;
      const warnings = conn.sync.progress.warnings ?? [];
      expect(warnings.length).toBeGreaterThan(0);
      for (const w of warnings) expect(w).toMatch(new RegExp(`^${vendor} [a-z ]+: .*ignored a paging parameter`));
    },
    90_000,
  );
});
