import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as lemlist from "@/lib/sandbox/lemlist/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { STORE_KINDS, freshStore } from "@/tests/helpers/stores";
import { pgliteDataDir } from "@/tests/helpers/pglite-dir";

// A tampered or row-swapped ciphertext: that connection is "key unreadable" and asks for
// the key again; nothing crashes; the other connections keep syncing.

const KEY = "lemlist-tamper-test-key-0001";
const world = createWorld({
  seed: 777,
  people: 20,
  activities: 200,
  campaigns: 2,
  tasks: 10,
  days: 20,
  now: new Date(),
});
let server: RunningServer;

beforeAll(async () => {
  const sim = lemlist.createLemlistSimulator(world, { apiKey: KEY, rateLimit: null });
  server = await serveHandler(sim.handler);
  process.env.LEMLIST_API_URL = server.url + lemlist.BASE_PATH;
  process.env.TOUCHLINE_DEMO = "off";
  // The master key is generated into this (throwaway) data dir.
  process.env.TOUCHLINE_DATA_DIR = pgliteDataDir("touchline-tamper-");
});
afterAll(async () => server?.close());

describe.each(STORE_KINDS)("damaged key envelopes on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(async () => store?.cleanup());

  it("marks only the damaged connections, and a new key repairs one", async () => {
    const t = await import("@/lib/server/store/schema");
    const { insertConnection } = await import("@/lib/server/connections/store");
    const { updateConnection } = await import("@/lib/server/connections/commands");
    const { listConnections } = await import("@/lib/server/queries/connections");
    const { runSync } = await import("@/lib/server/sync/engine");
    const db = store.db;
    const [tampered, swapA, swapB, healthy] = await Promise.all(
      ["tampered", "swap a", "swap b", "healthy"].map((label) =>
        insertConnection(db, { vendor: "lemlist", label, apiKey: KEY }),
      ),
    );
    const rows = new Map((await db.select().from(t.connections)).map((r) => [r.id, r]));

    // Flip one bit of the ciphertext; swap two rows' envelopes (each is bound to its own row).
    const parts = rows.get(tampered!)!.keyCiphertext.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[2]! ^= 0x10;
    await db
      .update(t.connections)
      .set({ keyCiphertext: [...parts.slice(0, 3), body.toString("base64url")].join(".") })
      .where(eq(t.connections.id, tampered!));
    await db
      .update(t.connections)
      .set({ keyCiphertext: rows.get(swapB!)!.keyCiphertext })
      .where(eq(t.connections.id, swapA!));
    await db
      .update(t.connections)
      .set({ keyCiphertext: rows.get(swapA!)!.keyCiphertext })
      .where(eq(t.connections.id, swapB!));

    // Shown at once, before any sync.
    const before = new Map((await listConnections(db)).map((c) => [c.id, c]));
    expect([tampered, swapA, swapB, healthy].map((id) => before.get(id!)!.status)).toEqual([
      "key_unreadable",
      "key_unreadable",
      "key_unreadable",
      "ok",
    ]);
    expect(before.get(tampered!)!.lastError).toMatch(/Enter the key again/);

    const outcomes = [];
    for (const id of [tampered, swapA, swapB, healthy]) outcomes.push(await runSync(id!, "manual", store));
    expect(outcomes.map((o) => o?.state)).toEqual(["failed", "failed", "failed", "succeeded"]);
    expect(outcomes[0]!.error).toMatch(/could not be read/);
    expect(outcomes[3]!.rows).toBeGreaterThan(0);
    const after = new Map((await db.select().from(t.connections)).map((r) => [r.id, r]));
    expect(after.get(tampered!)!.status).toBe("key_unreadable");
    expect(after.get(healthy!)!.status).toBe("ok");

    // Entering the key again (tested against the vendor first) repairs the connection.
    await updateConnection(store, tampered!, { apiKey: KEY }, "admin@example.com");
    const repaired = (await listConnections(db)).find((c) => c.id === tampered)!;
    expect(repaired.status).not.toBe("key_unreadable");
    expect(repaired.lastError).toBeNull();
    // updateConnection started a sync in the background; wait for it, then sync again.
    let again = null;
    for (let i = 0; i < 300 && !again; i++) {
      again = await runSync(tampered!, "manual", store); // null while that sync holds the lock
      if (!again) await new Promise((r) => setTimeout(r, 100));
    }
    expect(again?.state).toBe("succeeded");
    expect((await listConnections(db)).find((c) => c.id === swapA)!.status).toBe("key_unreadable");
  }, 120_000);
});
