import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DUE_GROUPS, DUE_PRESETS } from "@/lib/dates/due";
import { TASK_STATUSES } from "./task";
import {
  decodeTasksCursor,
  encodeTasksCursor,
  TASK_SORTS,
  type TasksFilter,
  tasksQuerySchema,
  tasksSearchParams,
} from "./tasks-query";
import { VENDORS } from "./vendor";

const parse = (sp: URLSearchParams) => tasksQuerySchema.parse(Object.fromEntries(sp));

describe("tasks query schema", () => {
  it("applies the documented defaults", () => {
    expect(tasksQuerySchema.parse({})).toMatchObject({
      status: ["open"],
      due: "all",
      tz: "UTC",
      sort: "dueAt",
      limit: 50,
    });
    expect(tasksQuerySchema.parse({ status: "all" }).status).toEqual(["open", "done", "ignored"]);
    expect(tasksQuerySchema.parse({ status: "done,ignored", q: "  ", vendors: "" })).toMatchObject({
      status: ["done", "ignored"],
      q: undefined,
      vendors: undefined,
    });
    expect(tasksQuerySchema.parse({ tz: "europe/paris" }).tz).toBe("Europe/Paris");
  });

  it("names the parameter in every error", () => {
    const path = (input: Record<string, string>) =>
      tasksQuerySchema.safeParse(input).error?.issues.map((i) => i.path.join("."));
    expect(path({ dueFrom: "2026-12-10", dueTo: "2026-12-01" })).toEqual(["dueFrom"]);
    expect(path({ due: "someday" })).toEqual(["due"]);
    expect(path({ tz: "Mars/Olympus" })).toEqual(["tz"]);
    expect(path({ status: "maybe" })).toEqual(["status"]);
    expect(path({ vendors: "close,smartleed" })).toEqual(["vendors"]);
    expect(path({ types: "Call Me" })).toEqual(["types"]);
  });

  it("round-trips cursors and refuses forgeries", () => {
    const c = { s: "priority" as const, k: [2, 1775001600000] as [number, number], id: "close:task_é:1" };
    expect(decodeTasksCursor(encodeTasksCursor(c))).toEqual(c);
    expect(decodeTasksCursor("garbage!")).toBeNull();
    expect(decodeTasksCursor(encodeTasksCursor({ ...c, k: [1.5, 2] }))).toBeNull();
  });

  it("property: the page's query string parses back to the same query", () => {
    const filter = fc.record(
      {
        status: fc.subarray([...TASK_STATUSES], { minLength: 1 }),
        due: fc.constantFrom(...DUE_PRESETS),
        tz: fc.constantFrom("UTC", "Europe/Paris", "Pacific/Auckland", "America/Los_Angeles"),
        vendors: fc.subarray([...VENDORS]),
        types: fc.subarray(["call", "email", "linkedin"]),
        assignee: fc.subarray(["usr_1", "unassigned", "Casey Jones"]),
        campaignId: fc.subarray(["lemlist:cam_1", "none"]),
        q: fc.string({ maxLength: 20 }).map((s) => s.replace(/,/g, "")),
        sort: fc.constantFrom(...TASK_SORTS),
        limit: fc.integer({ min: 1, max: 500 }),
        group: fc.constantFrom(...DUE_GROUPS),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filter, (f: TasksFilter) => {
        const parsed = parse(tasksSearchParams(f));
        const norm = (xs?: string[]) => (xs && xs.length ? xs : undefined);
        expect(parsed.status).toEqual(f.status ? TASK_STATUSES.filter((s) => f.status!.includes(s)) : ["open"]);
        expect(parsed.due).toBe(f.due ?? "all");
        expect(parsed.tz).toBe(f.tz ?? "UTC");
        expect(parsed.vendors).toEqual(norm(f.vendors));
        expect(parsed.types).toEqual(norm(f.types));
        expect(parsed.assignee).toEqual(norm(f.assignee));
        expect(parsed.campaignId).toEqual(norm(f.campaignId));
        expect(parsed.q).toBe(f.q?.trim() || undefined);
        expect(parsed.sort).toBe(f.sort ?? "dueAt");
        expect(parsed.limit).toBe(f.limit ?? 50);
        expect(parsed.group).toBe(f.group);
      }),
      { numRuns: 200 },
    );
  });

  it("sends a custom range instead of the preset", () => {
    const sp = tasksSearchParams({ due: "today", dueFrom: "2026-04-01", dueTo: "2026-04-30" });
    expect(sp.toString()).toBe("dueFrom=2026-04-01&dueTo=2026-04-30");
  });
});
