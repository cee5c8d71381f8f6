import { describe, expect, it } from "vitest";
import type { RefreshSummary } from "@/lib/model/contacts-query";
import { describeRefresh } from "./refresh-button";

const result = (over: Partial<RefreshSummary["vendors"][number]>): RefreshSummary["vendors"][number] => ({
  vendor: "lemlist",
  connectionId: "conn_1",
  label: "lemlist",
  status: "ok",
  new: { activities: 0, tasks: 0 },
  updated: { activities: 0, tasks: 0 },
  unchanged: 0,
  error: null,
  ms: 10,
  ...over,
});

describe("what a refresh changed, in words", () => {
  it("sums up, then names each vendor's changes and failures", () => {
    const s: RefreshSummary = {
      contactId: "c_1",
      refreshedAt: "2026-11-24T10:00:00.000Z",
      vendors: [
        result({ new: { activities: 2, tasks: 1 }, updated: { activities: 1, tasks: 0 } }),
        result({ vendor: "close", label: "Close (sales team)" }),
        result({
          vendor: "leadlex",
          label: "Leadlex (demo)",
          status: "failed",
          error: "The leadlex daily quota is used up.",
        }),
      ],
      totals: { new: 3, updated: 1, failed: 1 },
    };
    expect(describeRefresh(s)).toEqual({
      headline: "3 new, 1 updated.",
      details: [
        "lemlist: 2 new activities, 1 new task, 1 activity updated",
        "Close (sales team): no change",
        "Leadlex (demo): failed — The leadlex daily quota is used up.",
      ],
    });
  });

  it("says so when nothing changed or the person has no vendor record", () => {
    expect(
      describeRefresh({
        contactId: "c",
        refreshedAt: "2026-11-24T10:00:00.000Z",
        vendors: [result({})],
        totals: { new: 0, updated: 0, failed: 0 },
      }).headline,
    ).toBe("Already up to date: nothing new.");
    expect(
      describeRefresh({
        contactId: "c",
        refreshedAt: "2026-11-24T10:00:00.000Z",
        vendors: [],
        totals: { new: 0, updated: 0, failed: 0 },
      }).headline,
    ).toMatch(/no vendor record/);
  });
});
