import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStoreWith, STORE_KINDS } from "@/tests/helpers/stores";
import { queryRows } from "./db";
import * as t from "./schema";

describe.each(STORE_KINDS)("store on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStoreWith>>;
  beforeAll(async () => {
    store = await freshStoreWith(kind, { id: "conn1", vendor: "lemlist", label: "L" });
    await store.db.insert(t.contacts).values({ id: "c1", email: "ada@example.com", name: "Ada" });
  });
  afterAll(async () => store?.cleanup());

  const activity = (id: string, occurredAt: string, subject = "hi") => ({
    id,
    connectionId: "conn1",
    vendor: "lemlist",
    vendorType: "emailsSent",
    kind: "email_sent",
    channel: "email",
    occurredAt,
    contactId: "c1",
    subject,
  });

  it("reports its kind", () => {
    expect(store.kind).toBe(kind);
  });

  it("inserts and upserts activities by id without duplicating", async () => {
    await store.db
      .insert(t.activities)
      .values([activity("lemlist:a1", "2026-01-01T10:00:00.000Z"), activity("lemlist:a2", "2026-01-02T10:00:00.000Z")]);
    await store.db
      .insert(t.activities)
      .values(activity("lemlist:a1", "2026-01-01T10:00:00.000Z", "changed"))
      .onConflictDoUpdate({ target: t.activities.id, set: { subject: sql`excluded.subject` } });
    const rows = await store.db.select().from(t.activities).orderBy(t.activities.id);
    expect(rows.map((r) => [r.id, r.subject])).toEqual([
      ["lemlist:a1", "changed"],
      ["lemlist:a2", "hi"],
    ]);
  });

  it("answers the timeline query from the (contact_id, occurred_at desc, id desc) index", async () => {
    const rows = await queryRows<{ id: string }>(
      store.db,
      sql`
      select id from activities where contact_id = 'c1' order by occurred_at desc, id desc limit 10`,
    );
    expect(rows.map((r) => r.id)).toEqual(["lemlist:a2", "lemlist:a1"]);
    await store.db.execute(sql`set enable_seqscan = off`);
    const plan = await queryRows(
      store.db,
      sql`explain select id from activities where contact_id = 'c1' order by occurred_at desc, id desc limit 10`,
    );
    await store.db.execute(sql`set enable_seqscan = on`);
    expect(JSON.stringify(plan)).toContain("activities_contact_time_idx");
  });

  it("applies migrations a second time as a no-op", async () => {
    const before = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    await store.migrate();
    const after = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(after).toEqual(before);
    expect(before[0]!.n).toBeGreaterThan(0);
  });

  it("lets one holder at a time take a named lock", async () => {
    let inner: unknown = "not run";
    const outer = await store.tryWithLock("sync:conn1", async () => {
      inner = await store.tryWithLock("sync:conn1", async () => "second");
      return "first";
    });
    expect(outer).toEqual({ value: "first" });
    expect(inner).toBeNull();
  });
});
