import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates/calendar";
import { DUE_GROUPS, DUE_PRESETS, dueClock, dueGroup, matchesWindow, presetWindow } from "@/lib/dates/due";
import { startOfDayIn } from "@/lib/dates/zone";
import { type TaskListItem, type TasksQuery, tasksQuerySchema } from "@/lib/model/tasks-query";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { queryRows } from "../store/db";
import * as t from "../store/schema";
import { iterateTasks, listTasks, taskFacets } from "./tasks";

// A fixed "now": 00:30 on Sunday 5 April 2026 in Auckland (the day DST ends there),
// 04:30 on Saturday 4 April in Los Angeles, 11:30 in UTC.
const NOW = new Date("2026-04-04T11:30:00Z");
const ZONES = ["UTC", "Pacific/Auckland", "America/Los_Angeles"];

type Row = typeof t.tasks.$inferInsert;

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

const FIXTURE = fixtureTasks();
const q = (input: Record<string, string> = {}): TasksQuery => tasksQuerySchema.parse(input);
const asDue = (r: Row) => ({
  dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
  dueDate: r.dueDate ?? null,
  dueIsDateOnly: !!r.dueIsDateOnly,
  status: r.status,
});
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const sortedIds = (items: { id: string }[]) => ids(items).sort();

// Both ways of reading a page: the index streams (smallSetLimit 0) and the one-scan path
// for narrow filters; each must give the same answers.
// An assignee filter naming every assignee keeps every row but counts as narrow.
const EVERY_ASSIGNEE = "usr_ada,usr_bob,Casey (no id),unassigned";
const PATHS = [
  ["index streams", { now: NOW, smallSetLimit: 0 }, {}],
  ["one scan", { now: NOW }, { assignee: EVERY_ASSIGNEE }],
] as const;

describe.each(STORE_KINDS)("tasks queries on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    store = await freshStore(kind);
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
  afterAll(async () => store?.cleanup());

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

  describe.each(PATHS.flatMap(([path, ctx, extra]) => ZONES.map((tz) => [tz, path, ctx, extra] as const)))(
    "in %s (%s)",
    (tz, _path, ctx, extra) => {
      const clock = dueClock(tz, NOW);
      const all = (input: Record<string, string>) => allWith({ ...input, ...extra }, ctx);

      it.each(DUE_PRESETS)("due=%s returns exactly the open tasks lib/dates puts there", async (preset) => {
        const expected = FIXTURE.filter(
          (r) => r.status === "open" && matchesWindow(asDue(r), presetWindow(preset, clock), clock),
        ).map((r) => r.id);
        const got = await all({ due: preset, tz, limit: "7" });
        expect(sortedIds(got.items)).toEqual(expected.sort());
        expect(got.total).toBe(expected.length);
      });

      it.each(DUE_GROUPS)("group=%s returns exactly that bucket of the grouped view", async (group) => {
        const expected = FIXTURE.filter((r) => r.status === "open" && dueGroup(asDue(r), clock) === group).map(
          (r) => r.id,
        );
        const got = await all({ group, tz, limit: "500" });
        expect(sortedIds(got.items)).toEqual(expected.sort());
      });

      it("a custom range is inclusive calendar days in the zone", async () => {
        const window = { kind: "range" as const, from: "2026-04-04", to: "2026-04-06" };
        const expected = FIXTURE.filter((r) => matchesWindow(asDue(r), window, clock)).map((r) => r.id);
        const got = await all({
          dueFrom: "2026-04-04",
          dueTo: "2026-04-06",
          due: "overdue",
          tz,
          status: "all",
          limit: "500",
        });
        expect(sortedIds(got.items)).toEqual(expected.sort());
        expect(expected.length).toBeGreaterThan(5);
      });

      it("sorts by due date in the zone (date-only at the start of its day), nulls last, ties by id", async () => {
        const key = (r: Row) =>
          r.dueAt === null
            ? Number.MAX_SAFE_INTEGER
            : r.dueIsDateOnly
              ? startOfDayIn(r.dueDate!, tz)
              : Date.parse(r.dueAt!);
        const cmp = (a: Row, b: Row) => key(a) - key(b) || (a.id < b.id ? -1 : 1);
        const open = FIXTURE.filter((r) => r.status === "open");
        expect(ids((await all({ tz, limit: "9" })).items)).toEqual([...open].sort(cmp).map((r) => r.id));
        const desc = (a: Row, b: Row) =>
          (a.dueAt === null ? 1 : 0) - (b.dueAt === null ? 1 : 0) || key(b) - key(a) || (a.id < b.id ? -1 : 1);
        expect(ids((await all({ tz, sort: "-dueAt", limit: "11" })).items)).toEqual(
          [...open].sort(desc).map((r) => r.id),
        );
        const rank = (r: Row) => ({ high: 0, medium: 1, low: 2 })[r.priority as "high"] ?? 3;
        expect(ids((await all({ tz, sort: "priority", limit: "13" })).items)).toEqual(
          [...open].sort((a, b) => rank(a) - rank(b) || cmp(a, b)).map((r) => r.id),
        );
        const lowFirst = (r: Row) => ({ low: 0, medium: 1, high: 2 })[r.priority as "high"] ?? 3;
        expect(ids((await all({ tz, sort: "-priority", limit: "5" })).items)).toEqual(
          [...open].sort((a, b) => lowFirst(a) - lowFirst(b) || cmp(a, b)).map((r) => r.id),
        );
        // Page sizes of one and two walk through the ties one position at a time.
        const window = { dueFrom: "2026-04-04", dueTo: "2026-04-05", tz };
        const inWindow = open.filter((r) =>
          matchesWindow(asDue(r), { kind: "range", from: "2026-04-04", to: "2026-04-05" }, clock),
        );
        for (const limit of ["1", "2"]) {
          expect(ids((await all({ ...window, limit })).items)).toEqual([...inWindow].sort(cmp).map((r) => r.id));
          expect(ids((await all({ ...window, limit, sort: "-dueAt" })).items)).toEqual(
            [...inWindow].sort(desc).map((r) => r.id),
          );
        }
      });
    },
  );

  it("shows the Auckland boundary tasks where a person in Auckland expects them", async () => {
    const today = ids(
      (
        await listTasks(store.db, q({ due: "today", tz: "Pacific/Auckland", status: "all", limit: "500" }), {
          now: NOW,
        })
      ).data,
    );
    expect(today).toContain("lemlist:task_000"); // date-only 5 April
    expect(today).toContain("lemlist:task_009"); // 23:30 NZST on 5 April, after the clocks went back
    expect(today).not.toContain("leadlex:task_010"); // 00:00 NZST on 6 April
    const la = ids(
      (
        await listTasks(store.db, q({ due: "today", tz: "America/Los_Angeles", status: "all", limit: "500" }), {
          now: NOW,
        })
      ).data,
    );
    expect(la).not.toContain("lemlist:task_000"); // 5 April is tomorrow in Los Angeles: never shifted through UTC
    expect(la).toContain("close:task_001"); // date-only 4 April
  });

  it("breaks ties by id across timed and date-only tasks", async () => {
    const got = ids(
      (await all({ dueFrom: "2026-04-05", dueTo: "2026-04-05", tz: "Pacific/Auckland", types: "call", limit: "1" }))
        .items,
    );
    expect(got.filter((id) => id.includes(":tie_"))).toEqual([
      "close:tie_a",
      "close:tie_c",
      "leadlex:tie_d",
      "lemlist:tie_b",
    ]);
  });

  it("pages with a cursor and keeps the total", async () => {
    const first = await listTasks(store.db, q({ status: "all", limit: "10" }), { now: NOW });
    expect(first.data).toHaveLength(10);
    expect(first.total).toBe(FIXTURE.length);
    expect(first.nextCursor).toBeTruthy();
    const everything = await all({ status: "all", limit: "10" });
    expect(new Set(ids(everything.items)).size).toBe(FIXTURE.length);
  });

  it("filters by status, vendor, type, assignee, campaign and contact", async () => {
    const check = async (input: Record<string, string>, pred: (r: Row) => boolean) => {
      const expected = FIXTURE.filter(pred)
        .map((r) => r.id)
        .sort();
      expect(sortedIds((await all({ ...input, limit: "500" })).items)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    };
    await check({}, (r) => r.status === "open");
    await check({ status: "done,ignored" }, (r) => r.status !== "open");
    await check({ status: "all", vendors: "close,leadlex" }, (r) => r.vendor !== "lemlist");
    await check(
      { vendors: "close", types: "call,email" },
      (r) => r.status === "open" && r.vendor === "close" && ["call", "email"].includes(r.type),
    );
    await check(
      { status: "all", assignee: "usr_ada,unassigned" },
      (r) => r.assignee === null || r.assignee?.id === "usr_ada",
    );
    await check({ status: "all", assignee: "Casey (no id)" }, (r) => r.assignee?.name === "Casey (no id)");
    await check({ status: "all", campaignId: "lemlist:cam_b,none" }, (r) => r.campaignId !== "lemlist:cam_a");
    await check({ status: "all", contactId: "ct_2" }, (r) => r.contactId === "ct_2");
  });

  it("searches title, notes, contact and campaign, with % and _ taken literally", async () => {
    const search = async (text: string) => sortedIds((await all({ status: "all", q: text, limit: "500" })).items);
    expect(await search("100% of the deck_v2")).toEqual(["leadlex:task_005"]);
    expect(await search("100%%")).toEqual([]);
    expect(await search("zephyr")).toEqual(
      FIXTURE.filter((r) => r.contactId === "ct_1")
        .map((r) => r.id)
        .sort(),
    );
    expect(await search("grace@EXAMPLE")).toEqual(
      FIXTURE.filter((r) => r.contactId === "ct_2")
        .map((r) => r.id)
        .sort(),
    );
    expect(await search("renewal")).toEqual(
      FIXTURE.filter((r) => r.campaignId === "lemlist:cam_b" || r.body?.includes("renewal"))
        .map((r) => r.id)
        .sort(),
    );
  });

  it("answers each task with its contact and campaign name", async () => {
    const { data } = await listTasks(
      store.db,
      q({ status: "all", contactId: "ct_1", campaignId: "lemlist:cam_a", limit: "1" }),
      { now: NOW },
    );
    const item = data[0]!;
    expect(item.contact).toEqual({ id: "ct_1", name: "Ada Zephyr", email: "ada@example.com" });
    expect(item.campaignName).toBe("Spring outreach");
    expect(item.raw).toMatchObject({ i: expect.any(Number) });
    const dateOnly = (
      await listTasks(
        store.db,
        q({ status: "all", dueFrom: "2026-04-05", dueTo: "2026-04-05", tz: "UTC", limit: "500" }),
        { now: NOW },
      )
    ).data.find((x) => x.id === "lemlist:task_000")!;
    expect(dateOnly).toMatchObject({ dueAt: "2026-04-05T00:00:00.000Z", dueDate: "2026-04-05", dueIsDateOnly: true });
  });

  it("refuses a cursor from another sort order or not from the API", async () => {
    const first = await listTasks(store.db, q({ limit: "2" }), { now: NOW });
    expect(tasksQuerySchema.safeParse({ cursor: first.nextCursor! }).success).toBe(true);
    expect(tasksQuerySchema.safeParse({ sort: "priority", cursor: first.nextCursor! }).error?.issues[0]?.path).toEqual([
      "cursor",
    ]);
    expect(tasksQuerySchema.safeParse({ cursor: "garbage" }).error?.issues[0]?.path).toEqual(["cursor"]);
  });

  it("walks every row for the export, in the same order as the pages", async () => {
    const input = { status: "all", tz: "Pacific/Auckland", sort: "priority" };
    const walked: TaskListItem[] = [];
    for await (const batch of iterateTasks(store.db, q(input), { now: NOW }, 7)) walked.push(...batch);
    expect(ids(walked)).toEqual(ids((await all({ ...input, limit: "500" })).items));
  });

  it("counts facets with every filter but their own", async () => {
    const f = await taskFacets(store.db, q({ vendors: "close", types: "call", tz: "America/Los_Angeles" }), {
      now: NOW,
    });
    const open = FIXTURE.filter((r) => r.status === "open");
    const count = (pred: (r: Row) => boolean) => open.filter(pred).length;
    // Vendor counts ignore the vendor filter but keep the type filter…
    expect(Object.fromEntries(f.vendors.map((o) => [o.value, o.count]))).toEqual(
      Object.fromEntries(
        ["lemlist", "close", "leadlex"]
          .map((v) => [v, count((r) => r.vendor === v && r.type === "call")])
          .filter(([, n]) => n !== 0),
      ),
    );
    // …and type counts keep the vendor filter.
    const types = Object.fromEntries(f.types.map((o) => [o.value, o.count]));
    expect(types.call).toBe(count((r) => r.vendor === "close" && r.type === "call"));
    expect(types.email).toBe(count((r) => r.vendor === "close" && r.type === "email"));
    expect(f.vendors.find((o) => o.value === "close")?.label).toBe("Close");
    // Status counts cover done and ignored although the query shows open tasks.
    const statuses = Object.fromEntries(f.statuses.map((o) => [o.value, o.count]));
    const doneCount = FIXTURE.filter((r) => r.status === "done" && r.vendor === "close" && r.type === "call").length;
    expect(doneCount).toBeGreaterThan(0);
    expect(statuses.done).toBe(doneCount);
    const clock = dueClock("America/Los_Angeles", NOW);
    const mine = (r: Row) => r.vendor === "close" && r.type === "call";
    for (const p of DUE_PRESETS)
      expect(f.due[p]).toBe(count((r) => mine(r) && matchesWindow(asDue(r), presetWindow(p, clock), clock)));
    for (const g of DUE_GROUPS) expect(f.groups[g]).toBe(count((r) => mine(r) && dueGroup(asDue(r), clock) === g));
    expect(f.today).toBe("2026-04-04");
  });

  it("names assignees and campaigns in facets, with unassigned and no-campaign entries", async () => {
    const f = await taskFacets(store.db, q({ status: "all" }), { now: NOW });
    expect(f.assignees.map((o) => o.label).sort()).toEqual([
      "Ada Lovelace",
      "Bob Stone",
      "Casey (no id)",
      "Unassigned",
    ]);
    expect(f.assignees.reduce((s, o) => s + o.count, 0)).toBe(FIXTURE.length);
    expect(f.campaigns.map((o) => o.label).sort()).toEqual(["No campaign", "Renewals", "Spring outreach"]);
  });

  it("answers the today preset from the open-tasks due index", async () => {
    await store.db.execute(sql`set enable_seqscan = off`);
    try {
      const clock = dueClock("UTC", NOW);
      const { dueWindowSql } = await import("./tasks");
      const plan = await queryRows(
        store.db,
        sql`explain select id from tasks t where t.status = 'open' and ${dueWindowSql(presetWindow("today", clock), clock)}`,
      );
      expect(JSON.stringify(plan)).toContain("tasks_open_due_idx");
    } finally {
      await store.db.execute(sql`set enable_seqscan = on`);
    }
  });
});
