import { describe, expect, it } from "vitest";
import { dueChange, presetDay } from "./reschedule";

// Run under two zones by the suite's habit; the functions take the zone explicitly.
describe("reschedule presets in the viewer's zone", () => {
  // Friday 2026-12-04 20:00 UTC is already Saturday 09:00 in Auckland.
  const now = Date.parse("2026-12-04T20:00:00Z");

  it("counts days in the viewer's zone", () => {
    expect(presetDay("tomorrow", now, "UTC")).toBe("2026-12-05");
    expect(presetDay("tomorrow", now, "Pacific/Auckland")).toBe("2026-12-06");
    expect(presetDay("nextMonday", now, "Pacific/Auckland")).toBe("2026-12-07");
    expect(presetDay("nextMonday", Date.parse("2026-12-07T10:00:00Z"), "UTC")).toBe("2026-12-14");
    expect(presetDay("inAWeek", now, "America/Los_Angeles")).toBe("2026-12-11");
  });

  it("keeps a date-only task date-only, and gives a timed one 9:00 in the zone", () => {
    expect(dueChange("2026-12-07", { dueIsDateOnly: true, dueAt: null }, "Pacific/Auckland")).toEqual({
      dueAt: "2026-12-07",
      dueIsDateOnly: true,
    });
    expect(dueChange("2026-12-07", { dueIsDateOnly: false, dueAt: "x" }, "Pacific/Auckland")).toEqual({
      dueAt: "2026-12-06T20:00:00.000Z",
      dueIsDateOnly: false,
    });
  });
});
