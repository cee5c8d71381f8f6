import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DUE_GROUPS, DUE_PRESETS, dueClock, dueGroup, matchesWindow, presetWindow } from "@/lib/dates/due";
import { startOfDayIn } from "@/lib/dates/zone";
import { STORE_KINDS } from "@/tests/helpers/stores";
import { queryRows } from "../store/db";
import { listTasks } from "./tasks";
import { asDue, FIXTURE, ids, NOW, q, type Row, seededTaskStore, sortedIds } from "./tasks-test-store";

// Due dates as people in three zones see them: presets, groups, ranges, the order they
// sort in and its ties, and the index that answers them. NOW is a DST change in Auckland.
const ZONES = ["UTC", "Pacific/Auckland", "America/Los_Angeles"];

// Both ways of reading a page: the index streams (smallSetLimit 0) and the one-scan path
// for narrow filters; each must give the same answers.
// An assignee filter naming every assignee keeps every row but counts as narrow.
const EVERY_ASSIGNEE = "usr_ada,usr_bob,Casey (no id),unassigned";
const PATHS = [
  ["index streams", { now: NOW, smallSetLimit: 0 }, {}],
  ["one scan", { now: NOW }, { assignee: EVERY_ASSIGNEE }],
] as const;

describe.each(STORE_KINDS)("tasks queries on %s", (kind) => {
  const { store, all, allWith } = seededTaskStore(kind);

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
