import "server-only";
import { afterAll, beforeAll, expect } from "vitest";
import { addDays } from "@/lib/dates/calendar";
import { type TaskListItem, type TasksQuery, tasksQuerySchema } from "@/lib/model/tasks-query";
import { freshStore } from "@/tests/helpers/stores";
import type { StoreKind } from "../store/db";
import * as t from "../store/schema";
import { listTasks } from "./tasks";

// The fixture the tasks-*.test.ts files query: a store of each kind seeded with the same
// tasks, contacts and campaigns, and the helpers that read it back.

// A fixed "now": 00:30 on Sunday 5 April 2026 in Auckland (the day DST ends there),
// 04:30 on Saturday 4 April in Los Angeles, 11:30 in UTC.
export const NOW = new Date("2026-04-04T11:30:00Z");

export type Row = typeof t.tasks.$inferInsert;

/**
 * pg's Pool#end resolves before its idle clients have closed their sockets, so the helper's
 * `drop database … with (force)` can kill them mid-close and pg raises an uncaught error.
 * These tests run queries in parallel (several pooled clients), which makes that race
 * likely: wait for every client to be gone before the pool reports ended.
 */
function endPoolGracefully(store: { kind: string; db: unknown }) {
  type PoolLike = { totalCount: number; end: () => Promise<void>; on: (e: "remove", f: () => void) => void };
  const pool = (store.db as { $client?: PoolLike }).$client;
  if (store.kind !== "postgres" || !pool) return;
  const end = pool.end.bind(pool);
  pool.end = async () => {
    const open = pool.totalCount;
    const gone = new Promise<void>((resolve) => {
      let removed = 0;
      if (open === 0) resolve();
      pool.on("remove", () => ++removed >= open && resolve());
    });
    await end();
    await gone;
  };
}

// Deterministic variety: dues around now, some date-only, some none; every status,
// priority, vendor, type, assignee and campaign shape.
function fixtureTasks(): Row[] {
  const rows: Row[] = [];
  const vendors = ["lemlist", "close", "leadlex"] as const;
  const types = ["email", "call", "linkedin", "manual", "meeting"];
  const priorities = ["high", "medium", "low", null];
  const statuses = ["open", "open", "done", "open", "ignored"];
  const assignees = [
    { id: "usr_ada", name: "Ada Lovelace" },
    { id: "usr_bob", name: "Bob Stone" },
    { id: null, name: "Casey (no id)" },
    null,
  ];
  const campaigns = ["lemlist:cam_a", "lemlist:cam_b", null];
  const contacts = ["ct_1", "ct_2", null];
  // Hand-picked boundary dues first (see lib/dates/due.test.ts), then a sweep.
  const dues: { at: string | null; dateOnly?: string }[] = [
    { at: null, dateOnly: "2026-04-05" },
    { at: null, dateOnly: "2026-04-04" },
    { at: null, dateOnly: "2026-04-06" },
    { at: null, dateOnly: "2026-04-03" },
    { at: null, dateOnly: "2026-04-11" },
    { at: null, dateOnly: "2026-04-12" },
    { at: "2026-04-04T10:00:00Z" },
    { at: "2026-04-04T11:29:59Z" },
    { at: "2026-04-04T11:30:01Z" },
    { at: "2026-04-05T11:30:00Z" },
    { at: "2026-04-05T12:00:00Z" },
    { at: "2026-04-05T06:59:59Z" },
    { at: "2026-04-05T07:00:00Z" },
    { at: "2026-04-04T23:59:59Z" },
    { at: "2026-04-05T00:00:00Z" },
    { at: null },
    { at: null },
  ];
  for (let h = -30 * 24; h <= 30 * 24; h += 17)
    dues.push(
      h % 3 === 0
        ? { at: null, dateOnly: addDays("2026-04-04", Math.trunc(h / 24)) }
        : { at: new Date(NOW.getTime() + h * 3_600_000 + 7 * 60_000).toISOString() },
    );
  dues.forEach((d, i) => {
    const vendor = vendors[i % 3]!;
    rows.push({
      id: `${vendor}:task_${String(i).padStart(3, "0")}`,
      connectionId: `conn_${vendor}`,
      vendor,
      vendorType: "x",
      type: types[i % types.length]!,
      title: i === 5 ? "Send 100% of the deck_v2" : `Task ${i} for ${vendor}`,
      body: i % 4 === 0 ? "Ask about\nthe renewal" : null,
      status: statuses[(Math.imul(i + 1, 2654435761) >>> 0) % statuses.length]!,
      dueAt: d.dateOnly ? `${d.dateOnly}T00:00:00.000Z` : d.at,
      dueDate: d.dateOnly ?? null,
      dueIsDateOnly: !!d.dateOnly,
      priority: priorities[i % priorities.length],
      assignee: assignees[i % assignees.length],
      contactId: contacts[i % contacts.length],
      campaignId: campaigns[i % campaigns.length],
      url: null,
      createdAt: "2026-03-01T00:00:00.000Z",
      raw: { i },
    });
  });
  // Ties: same instant, same day, and (in Auckland) a timed task at the very start of a
  // date-only task's day: the order falls back to ids, across the two kinds of due date.
  const tie = (id: string, vendor: string, due: { at?: string; dateOnly?: string }): Row => ({
    id,
    connectionId: `conn_${vendor}`,
    vendor,
    vendorType: "x",
    type: "call",
    title: `Tie ${id}`,
    status: "open",
    dueAt: due.dateOnly ? `${due.dateOnly}T00:00:00.000Z` : due.at!,
    dueDate: due.dateOnly ?? null,
    dueIsDateOnly: !!due.dateOnly,
    priority: "high",
    assignee: null,
    contactId: null,
    campaignId: null,
    body: null,
    raw: {},
  });
  rows.push(
    tie("close:tie_a", "close", { at: "2026-04-04T11:00:00.000Z" }),
    tie("close:tie_c", "close", { at: "2026-04-04T11:00:00.000Z" }),
    tie("lemlist:tie_b", "lemlist", { dateOnly: "2026-04-05" }),
    tie("leadlex:tie_d", "leadlex", { dateOnly: "2026-04-05" }),
  );
  return rows;
}

export const FIXTURE = fixtureTasks();
export const q = (input: Record<string, string> = {}): TasksQuery => tasksQuerySchema.parse(input);
export const asDue = (r: Row) => ({
  dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
  dueDate: r.dueDate ?? null,
  dueIsDateOnly: !!r.dueIsDateOnly,
  status: r.status,
});
export const ids = (items: { id: string }[]) => items.map((i) => i.id);
export const sortedIds = (items: { id: string }[]) => ids(items).sort();

/** A fresh store of `kind`, seeded with FIXTURE around the calling describe block. */
export function seededTaskStore(kind: StoreKind) {
  const store = {} as Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    Object.assign(store, await freshStore(kind));
    endPoolGracefully(store);
    for (const v of ["lemlist", "close", "leadlex"])
      await store.db
        .insert(t.connections)
        .values({ id: `conn_${v}`, vendor: v, label: v, keyCiphertext: "x", keyHint: "••••abcd" });
    await store.db.insert(t.contacts).values([
      { id: "ct_1", email: "ada@example.com", name: "Ada Zephyr" },
      { id: "ct_2", email: "grace@example.com", name: "Grace Hopper" },
    ]);
    await store.db.insert(t.campaigns).values([
      {
        id: "lemlist:cam_a",
        connectionId: "conn_lemlist",
        vendor: "lemlist",
        vendorId: "cam_a",
        name: "Spring outreach",
        status: "active",
      },
      {
        id: "lemlist:cam_b",
        connectionId: "conn_lemlist",
        vendor: "lemlist",
        vendorId: "cam_b",
        name: "Renewals",
        status: "active",
      },
    ]);
    await store.db.insert(t.tasks).values(FIXTURE);
  });
  // No cleanup when freshStore itself failed.
  afterAll(async () => store.cleanup?.());

  const all = (input: Record<string, string>) => allWith(input, { now: NOW });
  async function allWith(
    input: Record<string, string>,
    ctx: { now: Date; smallSetLimit?: number } = { now: NOW },
  ): Promise<{ items: TaskListItem[]; total: number }> {
    const items: TaskListItem[] = [];
    let cursor: string | undefined;
    let total = -1;
    for (let i = 0; i < 100; i++) {
      const page = await listTasks(store.db, q({ ...input, ...(cursor ? { cursor } : {}) }), ctx);
      if (total === -1) total = page.total;
      expect(page.total).toBe(total);
      items.push(...page.data);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { items, total };
  }

  return { store, all, allWith };
}
