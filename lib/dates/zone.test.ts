import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  endOfIsoWeek,
  formatCalendarDate,
  isCalendarDate,
  isoWeekday,
  monthGrid,
} from "./calendar";
import { calendarDateIn, canonicalTimeZone, dayRangeIn, isValidTimeZone, startOfDayIn, zoneOffsetMs } from "./zone";
import { withHostTimeZone } from "@/tests/helpers/host-time-zone";

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

// The host's own zone must not leak into any result: run everything under three host zones.
describe.each(["UTC", "Pacific/Auckland", "America/Los_Angeles"])("with the host in %s", (hostTz) => {
  withHostTimeZone(hostTz);

  describe("calendar days", () => {
    it("adds days across month, year and leap-day boundaries", () => {
      expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
      expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
      expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
      expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
      expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    });

    it("knows ISO weekdays and the Sunday ending the week", () => {
      expect(isoWeekday("2026-04-05")).toBe(7); // a Sunday
      expect(isoWeekday("2026-04-06")).toBe(1);
      expect(endOfIsoWeek("2026-04-05")).toBe("2026-04-05");
      expect(endOfIsoWeek("2026-04-06")).toBe("2026-04-12");
      expect(endOfIsoWeek("2026-12-31")).toBe("2027-01-03");
    });

    it("validates calendar dates strictly", () => {
      expect(isCalendarDate("2026-02-29")).toBe(false);
      expect(isCalendarDate("2028-02-29")).toBe(true);
      expect(isCalendarDate("2026-4-5")).toBe(false);
      expect(formatCalendarDate(2026, 13, 1)).toBe("2027-01-01");
    });

    it("lays a month out in full Monday-first weeks", () => {
      const grid = monthGrid("2026-04-17");
      expect(grid[0]![0]).toBe("2026-03-30");
      expect(grid.at(-1)!.at(-1)).toBe("2026-05-03");
      expect(grid.flat()).toContain("2026-04-30");
      expect(grid.every((w) => w.length === 7)).toBe(true);
    });
  });

  describe("zones", () => {
    it("accepts IANA names and refuses the rest", () => {
      for (const tz of ["UTC", "Europe/Paris", "Pacific/Auckland", "America/Los_Angeles", "Etc/GMT+5"])
        expect(isValidTimeZone(tz)).toBe(true);
      for (const tz of ["Mars/Olympus", "", "+01:00", "Europe/Paris; drop table", "x".repeat(80), 42])
        expect(isValidTimeZone(tz)).toBe(false);
      expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris");
    });

    it("reads offsets on both sides of the 2026 DST changes", () => {
      expect(zoneOffsetMs(at("2026-04-04T13:59:59Z"), "Pacific/Auckland")).toBe(13 * H);
      expect(zoneOffsetMs(at("2026-04-04T14:00:00Z"), "Pacific/Auckland")).toBe(12 * H);
      expect(zoneOffsetMs(at("2026-03-08T09:59:59Z"), "America/Los_Angeles")).toBe(-8 * H);
      expect(zoneOffsetMs(at("2026-03-08T10:00:00Z"), "America/Los_Angeles")).toBe(-7 * H);
      expect(zoneOffsetMs(at("2026-11-01T09:00:00Z"), "America/Los_Angeles")).toBe(-8 * H);
      expect(zoneOffsetMs(at("2026-11-01T12:34:56.789Z"), "UTC")).toBe(0);
    });

    it("places instants on the zone's calendar around midnight", () => {
      expect(calendarDateIn(at("2026-04-04T10:59:59Z"), "Pacific/Auckland")).toBe("2026-04-04");
      expect(calendarDateIn(at("2026-04-04T11:00:00Z"), "Pacific/Auckland")).toBe("2026-04-05");
      expect(calendarDateIn(at("2026-04-04T11:00:00Z"), "America/Los_Angeles")).toBe("2026-04-04");
      expect(calendarDateIn(at("2026-11-02T07:59:59Z"), "America/Los_Angeles")).toBe("2026-11-01");
      expect(calendarDateIn(at("2026-11-02T08:00:00Z"), "America/Los_Angeles")).toBe("2026-11-02");
      expect(calendarDateIn(at("2026-11-02T07:59:59Z"), "UTC")).toBe("2026-11-02");
    });

    it("finds where each day starts, with 23- and 25-hour days at the DST changes", () => {
      const days: [day: string, tz: string, start: string, end: string][] = [
        // Auckland, 5 April 2026: 03:00 NZDT becomes 02:00 NZST, a 25-hour day.
        ["2026-04-05", "Pacific/Auckland", "2026-04-04T11:00:00Z", "2026-04-05T12:00:00Z"],
        // Auckland, 27 September 2026: 02:00 NZST becomes 03:00 NZDT, a 23-hour day.
        ["2026-09-27", "Pacific/Auckland", "2026-09-26T12:00:00Z", "2026-09-27T11:00:00Z"],
        // Los Angeles, 8 March (23 h) and 1 November (25 h) 2026.
        ["2026-03-08", "America/Los_Angeles", "2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z"],
        ["2026-11-01", "America/Los_Angeles", "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z"],
        ["2026-11-01", "UTC", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"],
      ];
      for (const [day, tz, start, end] of days)
        expect(dayRangeIn(day, day, tz), `${day} in ${tz}`).toEqual({ start: at(start), end: at(end) });
    });

    it("starts a day whose midnight a DST change skips at the jump", () => {
      // Santiago, 6 September 2026: 24:00 on Saturday becomes 01:00 on Sunday.
      expect(iso(startOfDayIn("2026-09-06", "America/Santiago"))).toBe("2026-09-06T04:00:00.000Z");
      expect(calendarDateIn(startOfDayIn("2026-09-06", "America/Santiago") - 1, "America/Santiago")).toBe("2026-09-05");
    });

    it("property: the start of a day is the first instant on that day, in any zone", () => {
      const zones = [
        "UTC",
        "Pacific/Auckland",
        "America/Los_Angeles",
        "America/Santiago",
        "Europe/Paris",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
      ];
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 365 * 12 }), fc.constantFrom(...zones), (n, tz) => {
          const day = addDays("2020-01-01", n);
          const start = startOfDayIn(day, tz);
          return calendarDateIn(start, tz) === day && calendarDateIn(start - 1, tz) === addDays(day, -1);
        }),
        { numRuns: 400 },
      );
    });
  });
});

describe("calendarDayOf and validTimeZone (the one copy of each)", () => {
  it("gives the day of an instant in the zone, and a calendar day as itself", async () => {
    const { calendarDayOf } = await import("./zone");
    expect(calendarDayOf("2026-03-01T02:00:00Z", "America/New_York")).toBe("2026-02-28");
    expect(calendarDayOf(new Date("2026-03-01T02:00:00Z"), "Asia/Tokyo")).toBe("2026-03-01");
    expect(calendarDayOf("2026-03-01", "Pacific/Auckland")).toBe("2026-03-01");
    expect(() => calendarDayOf("not a date", "UTC")).toThrow(RangeError);
  });

  it("returns a zone in the runtime's spelling, or null", async () => {
    const { validTimeZone } = await import("./zone");
    expect(validTimeZone("europe/paris")).toBe("Europe/Paris");
    expect(validTimeZone("+01:00")).toBeNull();
    expect(validTimeZone("Mars/Olympus")).toBeNull();
  });
});
