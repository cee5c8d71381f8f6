import { describe, expect, it } from "vitest";
import { atLeast, atMost, info, pairFigures, percentile, sideBySideRows, splitStoreFigures } from "@/bench/figures";

// The side-by-side table of `npm run bench`: what it pairs and how a cell reads.
describe("bench figures, side by side", () => {
  it("pairs figures by name, keeps first-seen order and leaves a store's missing cell empty", () => {
    const rows = pairFigures({
      pglite: [atMost("p95", 40, "ms", 50), info("seed", 12, "s")],
      postgres: [info("seed", 3, "s"), atMost("p95", 70, "ms", 50), atLeast("two ÷ one", 1.5, "×", 1.8)],
    });
    expect(rows.map((r) => r.name)).toEqual(["p95", "seed", "two ÷ one"]);
    expect(rows[0]!.byStore.pglite!.value).toBe(40);
    expect(rows[0]!.byStore.postgres!.value).toBe(70);
    expect(rows[2]!.byStore.pglite).toBeUndefined();
  });

  it("pairs a name that comes twice in one part by its occurrence", () => {
    const rows = pairFigures({
      pglite: [info("same, p95", 1, "ms"), info("same, p95", 2, "ms")],
      postgres: [info("same, p95", 3, "ms"), info("same, p95", 4, "ms")],
    });
    expect(rows.map((r) => [r.byStore.pglite!.value, r.byStore.postgres!.value])).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it("writes ok/MISS per store, the target once, n/a for a figure that could not be taken", () => {
    const [header, row, lone] = sideBySideRows(
      pairFigures({
        pglite: [atMost("p99", 200, "ms", 250, "p50 40 ms")],
        postgres: [
          atMost("p99", 300, "ms", 250, "p50 90 ms"),
          { name: "run", value: NaN, unit: "", ok: false, note: "failed" },
        ],
      }),
    );
    expect(header).toEqual(["figure", "PGlite", "PostgreSQL", "target", "note"]);
    expect(row).toEqual(["p99", "200 ms ok", "300 ms MISS", "≤ 250 ms", "p50 40 ms | p50 90 ms"]);
    expect(lone).toEqual(["run", "—", "n/a MISS", "", "failed"]);
  });

  it("splits a both-store part's prefixed figures into their stores' columns", () => {
    const split = splitStoreFigures([
      atLeast("PGlite: Smartlead share", 0.4, "", 0.5),
      atLeast("PostgreSQL: Smartlead share", 0.43, "", 0.9),
      info("read without storing", 0.96, ""),
    ]);
    expect(split?.pglite.map((f) => [f.name, f.value])).toEqual([
      ["Smartlead share", 0.4],
      ["read without storing", 0.96],
    ]);
    expect(split?.postgres.map((f) => [f.name, f.value, f.ok])).toEqual([["Smartlead share", 0.43, false]]);
    expect(splitStoreFigures([info("PGlite: only", 1, "")])).toBeNull();
  });

  it("takes the nearest-rank percentile", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
