import { describe, expect, it } from "vitest";
import { DATE_PRESETS, addDays, describeRange, matchingPreset, todayIn } from "./date-presets";

describe("date range presets", () => {
  it("adds calendar days across months, years and DST changes", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
  });

  it("takes today in the viewer's zone", () => {
    const now = new Date("2026-10-31T23:30:00Z");
    expect(todayIn("UTC", now)).toBe("2026-10-31");
    expect(todayIn("Europe/Paris", now)).toBe("2026-11-01");
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-10-31");
  });

  it("computes inclusive ranges and recognises them again", () => {
    const week = DATE_PRESETS.find((p) => p.key === "7d")!.range("2026-11-24");
    expect(week).toEqual({ from: "2026-11-18", to: "2026-11-24" });
    expect(matchingPreset(week, "2026-11-24")?.label).toBe("Last 7 days");
    expect(matchingPreset(week, "2026-11-25")).toBeNull();
  });

  it("describes any range in words", () => {
    expect(describeRange({ from: null, to: null }, "2026-11-24")).toBe("Any date");
    expect(describeRange({ from: "2026-10-03", to: "2026-10-31" }, "2026-11-24")).toBe("3 Oct – 31 Oct 2026");
    expect(describeRange({ from: "2025-12-03", to: "2026-01-31" }, "2026-11-24")).toBe("3 Dec 2025 – 31 Jan 2026");
    expect(describeRange({ from: "2026-10-03", to: null }, "2026-11-24")).toBe("Since 3 Oct 2026");
    expect(describeRange({ from: null, to: "2026-10-03" }, "2026-11-24")).toBe("Until 3 Oct 2026");
    expect(describeRange({ from: "2026-11-24", to: "2026-11-24" }, "2026-11-24")).toBe("Today");
  });
});
