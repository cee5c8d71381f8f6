import { describe, expect, it } from "vitest";
import type { TimelineItem } from "@/lib/model/timeline";
import { buildRows, clockTime, dayLabel, formatDuration } from "./rows";
import { withHostTimeZone } from "@/tests/helpers/host-time-zone";

const item = (id: string, occurredAt: string) => ({ type: "activity", id, occurredAt }) as unknown as TimelineItem;

// The host's own zone must not matter: every function takes the viewer's zone explicitly.
describe.each(["UTC", "Pacific/Auckland"])("timeline rows (host TZ %s)", (host) => {
  withHostTimeZone(host);

  it("groups items by calendar day in the viewer's zone", () => {
    const items = [
      item("a", "2026-11-02T10:00:00.000Z"),
      item("b", "2026-10-31T23:30:00.000Z"),
      item("c", "2026-10-31T08:00:00.000Z"),
    ];
    const now = new Date("2026-11-02T12:00:00Z");
    expect(buildRows(items, "UTC", now).map((r) => (r.type === "day" ? `# ${r.label}` : r.item.id))).toEqual([
      "# Today",
      "a",
      "# Sat 31 Oct",
      "b",
      "c",
    ]);
    // In Paris, 23:30 UTC on 31 Oct is already 1 Nov.
    expect(buildRows(items, "Europe/Paris", now).map((r) => (r.type === "day" ? `# ${r.day}` : r.item.id))).toEqual([
      "# 2026-11-02",
      "a",
      "# 2026-11-01",
      "b",
      "# 2026-10-31",
      "c",
    ]);
    // Each item carries its day's label too: screen readers hear it with the item, as the feed holds articles only.
    expect(
      buildRows(items, "Europe/Paris", now).flatMap((r) => (r.type === "item" ? [`${r.item.id}: ${r.dayLabel}`] : [])),
    ).toEqual(["a: Today", "b: Yesterday", "c: Sat 31 Oct"]);
  });

  it("labels days relative to today, with the year only when it differs", () => {
    expect(dayLabel("2026-11-24", "2026-11-24")).toBe("Today");
    expect(dayLabel("2026-11-23", "2026-11-24")).toBe("Yesterday");
    expect(dayLabel("2026-11-25", "2026-11-24")).toBe("Tomorrow");
    expect(dayLabel("2026-11-04", "2026-11-24")).toBe("Wed 4 Nov");
    expect(dayLabel("2025-12-31", "2026-01-02")).toBe("Wed 31 Dec 2025");
  });

  it("shows clock times in the viewer's zone", () => {
    expect(clockTime("2026-11-02T10:05:00.000Z", "Europe/Paris")).toBe("11:05");
    expect(clockTime("2026-07-02T23:05:00.000Z", "America/New_York")).toBe("19:05");
  });
});

describe("durations", () => {
  it("reads like a person would say it", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(245)).toBe("4 min 05 s");
    expect(formatDuration(3720)).toBe("1 h 02 min");
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-1)).toBeNull();
  });
});
