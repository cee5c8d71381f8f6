import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataVersion, SnapshotCache } from "@/lib/server/cache/snapshot-cache";
import { queryRows } from "@/lib/server/store/db";
import { blockStore, freshStore, STORE_KINDS } from "@/tests/helpers/stores";

// The engagement cache is only as exact as its version: it must move on every committed
// write (and on a write that was in progress when it was read), and never on a read.
//
// On PostgreSQL the version (the snapshot's transaction ids) is the cluster's, and the test
// cluster is shared with the other test files, whose writes move it too: a check that it did
// NOT move is repeated until one attempt runs without a write elsewhere. A version that moved
// on our own read would fail every attempt.
async function withoutOtherWriters(kind: string, attempt: () => Promise<void>): Promise<void> {
  const tries = kind === "postgres" ? 8 : 1;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries) throw err;
    }
  }
}
describe.each(STORE_KINDS)("the snapshot cache on %s", (kind) => {
  const store = blockStore(kind, 60_000);

  const write = (key: string, value: string) =>
    store.db.execute(
      sql`insert into settings (key, value) values (${key}, ${JSON.stringify(value)}::jsonb) on conflict (key) do update set value = excluded.value`,
    );

  it("keeps its version across reads and moves it on every write", async () => {
    const v1 = await dataVersion(store.db);
    await withoutOtherWriters(kind, async () => {
      const before = await dataVersion(store.db);
      await store.db.execute(sql`select count(*) from settings`);
      expect(await dataVersion(store.db)).toBe(before);
    });
    await write("cache-test", "a");
    const v2 = await dataVersion(store.db);
    expect(v2).not.toBe(v1);
    await write("cache-test", "b");
    expect(await dataVersion(store.db)).not.toBe(v2);
  });

  it("computes once per version, shares concurrent asks and recomputes after a write", async () => {
    await withoutOtherWriters(kind, async () => {
      const cache = new SnapshotCache<string>(10);
      let computed = 0;
      const read = () =>
        cache.get(store.db, "k", async () => {
          computed++;
          const [row] = await queryRows<{ value: string }>(
            store.db,
            sql`select value from settings where key = 'cache-test'`,
          );
          return row!.value;
        });
      await write("cache-test", "first");
      expect(await Promise.all([read(), read(), read()])).toEqual(["first", "first", "first"]);
      expect(computed).toBe(1);
      expect(await read()).toBe("first");
      expect(computed).toBe(1);
      await write("cache-test", "second");
      expect(await read()).toBe("second");
      expect(computed).toBe(2);
    });
  });

  it("does not keep failures and drops the least recently used past its size", async () => {
    const cache = new SnapshotCache<number>(2);
    await expect(cache.get(store.db, "bad", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get(store.db, "bad", async () => 7)).toBe(7);
    await cache.get(store.db, "a", async () => 1);
    await cache.get(store.db, "b", async () => 2);
    expect(cache.size).toBe(2);
    let again = 0;
    await cache.get(store.db, "bad", async () => ++again);
    expect(again).toBe(1);
  });
});

describe("the snapshot cache on PostgreSQL with another writer", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore("postgres");
  }, 60_000);
  afterAll(async () => store?.cleanup());

  it("moves on when a write that was in progress commits", async () => {
    const other = new pg.Client({ connectionString: (store as unknown as { url: string }).url });
    await other.connect();
    try {
      await other.query("begin");
      await other.query(
        `insert into settings (key, value) values ('in-flight', '"x"'::jsonb) on conflict (key) do update set value = excluded.value`,
      );
      const during = await dataVersion(store.db);
      await withoutOtherWriters("postgres", async () => {
        const again = await dataVersion(store.db);
        expect(await dataVersion(store.db)).toBe(again);
      });
      await other.query("commit");
      expect(await dataVersion(store.db)).not.toBe(during);
    } finally {
      await other.end();
    }
  });
});
