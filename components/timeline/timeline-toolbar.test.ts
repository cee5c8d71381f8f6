import { describe, expect, it } from "vitest";
import { KIND_GROUPS } from "@/lib/model/activity";
import { hasActiveFilters, EMPTY_FILTERS, kindSummary } from "./timeline-toolbar";

describe("timeline filter words", () => {
  it("names whole kind groups, and single kinds otherwise", () => {
    expect(kindSummary([...KIND_GROUPS.email])).toEqual(["Email"]);
    expect(kindSummary([...KIND_GROUPS.email, "task", "call"])).toEqual(["Email", "Tasks", "Call"]);
    expect(kindSummary(["email_replied", "note"])).toEqual(["Notes", "Email reply"]);
  });

  it("knows when any filter is on", () => {
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, q: "  " })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, bots: "exclude" })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, to: "2026-11-01" })).toBe(true);
  });
});
