import { describe, expect, it } from "vitest";
import { DUE_GROUPS, DUE_PRESETS, dueClock, dueGroup, matchesWindow, presetWindow } from "@/lib/dates/due";
import { type TaskListItem, tasksQuerySchema } from "@/lib/model/tasks-query";
import { STORE_KINDS } from "@/tests/helpers/stores";
import { iterateTasks, listTasks, taskFacets } from "./tasks";
import { asDue, FIXTURE, ids, NOW, q, type Row, seededTaskStore, sortedIds } from "./tasks-test-store";

// The task list beyond due dates: paging and cursors, filters, search, what each row
// carries, the export walk, and the facet counts of the filter bar.

describe.each(STORE_KINDS)("tasks queries on %s", (kind) => {
  const { store, all } = seededTaskStore(kind);

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
});
