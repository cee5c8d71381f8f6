import { describe, expect, it } from "vitest";
import { FIGURES_EVERY_MS, figuresDue, figuresReadAtOf } from "./figures-refresh";

describe("vendor figures at most every 6 hours", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();

  it("is due when never read, read 6 hours ago or more, unreadable, or stamped in the future", () => {
    expect(figuresDue({}, "c1", now)).toBe(true);
    expect(figuresDue(undefined, "c1", now)).toBe(true);
    expect(figuresDue({ c1: at(FIGURES_EVERY_MS) }, "c1", now)).toBe(true);
    expect(figuresDue({ c1: "not a date" }, "c1", now)).toBe(true);
    expect(figuresDue({ c1: at(-60_000) }, "c1", now)).toBe(true);
  });

  it("is not due within 6 hours of the last read", () => {
    expect(figuresDue({ c1: at(FIGURES_EVERY_MS - 1) }, "c1", now)).toBe(false);
    expect(figuresDue({ c1: at(0) }, "c1", now)).toBe(false);
  });

  it("reads the stamps of a stream state leniently", () => {
    expect(figuresReadAtOf(null)).toEqual({});
    expect(figuresReadAtOf({ listedAt: "x" })).toEqual({});
    expect(figuresReadAtOf({ figuresReadAt: { a: "2026-01-01T00:00:00Z", b: 3 } })).toEqual({
      a: "2026-01-01T00:00:00Z",
    });
  });
});
