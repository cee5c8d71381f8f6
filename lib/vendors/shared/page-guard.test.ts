import { describe, expect, it } from "vitest";
import { PageGuard } from "./page-guard";

describe("PageGuard", () => {
  it("lets pages with new ids through", () => {
    const g = new PageGuard("lemlist", "tasks");
    expect(g.fresh(["a", "b"])).toBe(true);
    expect(g.fresh(["b", "c"])).toBe(true);
    expect(g.repeated).toBe(false);
  });

  it("stops at the first page that repeats what was read", () => {
    const g = new PageGuard("lemlist", "tasks");
    expect(g.fresh(["a", "b"])).toBe(true);
    expect(g.fresh(["a", "b"])).toBe(false);
    expect(g.repeated).toBe(true);
    expect(g.warning()).toMatch(/lemlist tasks/);
  });

  it("treats an empty page as the end, not as a stall", () => {
    const g = new PageGuard("close", "tasks");
    expect(g.fresh([])).toBe(false);
    expect(g.repeated).toBe(false);
    expect(g.fresh(["x"])).toBe(true);
    expect(g.fresh([])).toBe(false);
    expect(g.repeated).toBe(false);
  });
});
