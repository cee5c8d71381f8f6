import { describe, expect, it } from "vitest";
import { contactBudget, orderContacts, reserveOf } from "./budget";

const T = (iso: string) => Date.parse(iso);

describe("contactBudget — VENDORS.md Leadlex: `budget the daily quota … keep a reserve for interactive refresh now`", () => {
  const o = { maxContactsPerRun: 40, reserveFraction: 0.2 };
  it("is the per-run maximum while the day has room", () => {
    expect(contactBudget({ remaining: 990, limit: 1000 }, o)).toBe(40);
  });
  it("shrinks to the remaining quota minus the reserve (20 % of the daily limit)", () => {
    expect(reserveOf(1000, 0.2)).toBe(200);
    expect(contactBudget({ remaining: 230, limit: 1000 }, o)).toBe(30);
    expect(contactBudget({ remaining: 90, limit: 100 }, o)).toBe(40);
    expect(contactBudget({ remaining: 35, limit: 100 }, o)).toBe(15);
  });
  it("is zero at or below the reserve", () => {
    expect(contactBudget({ remaining: 200, limit: 1000 }, o)).toBe(0);
    expect(contactBudget({ remaining: 3, limit: 100 }, o)).toBe(0);
  });
  it("is the maximum when the quota is not known yet", () => {
    expect(contactBudget({ remaining: null, limit: null }, o)).toBe(40);
  });
});

describe("orderContacts", () => {
  it("never-fetched and updated-since-fetch first (updated desc), then the oldest fetched", () => {
    const contacts = [
      { id: "a", updatedMs: T("2026-11-01T00:00:00Z") }, // fetched after its update: stale
      { id: "b", updatedMs: T("2026-11-20T00:00:00Z") }, // never fetched
      { id: "c", updatedMs: T("2026-11-22T00:00:00Z") }, // updated since its fetch
      { id: "d", updatedMs: T("2026-10-01T00:00:00Z") }, // never fetched, older update
      { id: "e", updatedMs: T("2026-09-01T00:00:00Z") }, // fetched long ago: first of the stale
      { id: "f", updatedMs: null }, // never fetched, no update time: last of the fresh
    ];
    const fetched = { a: "2026-11-10T00:00:00Z", c: "2026-11-21T00:00:00Z", e: "2026-11-02T00:00:00Z" };
    expect(orderContacts(contacts, fetched)).toEqual(["c", "b", "d", "f", "e", "a"]);
  });

  it("treats an unreadable fetch time as never fetched", () => {
    expect(
      orderContacts(
        [
          { id: "x", updatedMs: 1 },
          { id: "y", updatedMs: 2 },
        ],
        { x: "garbage", y: "2026-01-01T00:00:00Z" },
      ),
    ).toEqual(["x", "y"]);
  });
});
