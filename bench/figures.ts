// Shared by every benchmark: a figure beside its target, a percentile helper, and the
// printed table / JSON report.
import fs from "node:fs";
import path from "node:path";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. "≤ 50" or "≥ 0.9"; absent for context figures. */
  target?: string;
  ok?: boolean;
  note?: string;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function atMost(name: string, value: number, unit: string, limit: number, note?: string): Figure {
  return { name, value: round(value), unit, target: `≤ ${limit}`, ok: value <= limit, ...(note ? { note } : {}) };
}

export function atLeast(name: string, value: number, unit: string, limit: number, note?: string): Figure {
  return { name, value: round(value), unit, target: `≥ ${limit}`, ok: value >= limit, ...(note ? { note } : {}) };
}

export function info(name: string, value: number, unit: string, note?: string): Figure {
  return { name, value: round(value), unit, ...(note ? { note } : {}) };
}

const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100);

/** Times `fn` `n` times after `warmup` runs; returns ms samples. */
export async function sample(
  n: number,
  fn: (i: number) => Promise<unknown>,
  warmup = 3,
  before?: (i: number) => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await before?.(i);
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export function printTable(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const rows = figures.map((f) => [
    f.ok === undefined ? "    " : f.ok ? "ok  " : "MISS",
    f.name,
    `${f.value} ${f.unit}`,
    f.target ? `target ${f.target} ${f.unit}` : "",
    f.note ?? "",
  ]);
  const widths = [4, ...[1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)))];
  for (const r of rows)
    console.log(
      r
        .map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c))
        .join("  ")
        .trimEnd(),
    );
}

/**
 * Writes the report to bench/reports/<name>-<time>.json, or to BENCH_REPORT_FILE when
 * bench/all.ts set it (so it reads back exactly this run's figures). `store` is recorded
 * only when the part asked benchStore() which store to use: a part that ignores
 * BENCH_STORE must not pass for a PostgreSQL figure.
 */
export function writeReport(name: string, figures: Figure[]): string {
  const dir = path.resolve("bench/reports");
  fs.mkdirSync(dir, { recursive: true });
  const file =
    process.env.BENCH_REPORT_FILE || path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const report = { at: new Date().toISOString(), node: process.version, store: storeAsked ?? undefined, figures };
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  return file;
}

export type BenchStoreKind = "pglite" | "postgres";
let storeAsked: BenchStoreKind | null = null;

/** The store this bench run is for: BENCH_STORE (`pglite`, the default, or `postgres`). */
export function benchStore(): BenchStoreKind {
  const v = process.env.BENCH_STORE || "pglite";
  if (v !== "pglite" && v !== "postgres") throw new Error(`BENCH_STORE=${v}: expected pglite or postgres`);
  storeAsked = v;
  return v;
}

export const storeLabel = (kind: BenchStoreKind) => (kind === "postgres" ? "PostgreSQL" : "PGlite");

/** BENCH_QUICK=1 (`npm run bench -- --quick`): small worlds and few samples, for a run of about two minutes. */
export const benchQuick = () => process.env.BENCH_QUICK === "1";
/**
 * The world sizes a part runs at: "quick" (BENCH_QUICK=1, `npm run bench -- --quick`),
 * "standard" (BENCH_SIZE=standard: what `npm run bench` uses so that every part on both
 * stores fits in ten minutes on two cores) or "full" (the sizes the issues name; a part run
 * alone, or `npm run bench -- --full`). The figures' notes say the size they ran at.
 */
export const benchSize = (): "quick" | "standard" | "full" =>
  benchQuick() ? "quick" : process.env.BENCH_SIZE === "standard" ? "standard" : "full";

/**
 * A part's figures named "PGlite: …" and "PostgreSQL: …" (a part that ran both stores in one
 * process) as one list per store without the prefix; figures with neither prefix stay with
 * PGlite. Null when no figure names PostgreSQL.
 */
export function splitStoreFigures(figures: Figure[]): Record<BenchStoreKind, Figure[]> | null {
  const pg = `${storeLabel("postgres")}: `;
  const lite = `${storeLabel("pglite")}: `;
  if (!figures.some((f) => f.name.startsWith(pg))) return null;
  return {
    postgres: figures.filter((f) => f.name.startsWith(pg)).map((f) => ({ ...f, name: f.name.slice(pg.length) })),
    pglite: figures
      .filter((f) => !f.name.startsWith(pg))
      .map((f) => (f.name.startsWith(lite) ? { ...f, name: f.name.slice(lite.length) } : f)),
  };
}

/** One figure per store under one name: the side-by-side table's row. */
export interface FigureRow {
  name: string;
  byStore: Partial<Record<BenchStoreKind, Figure>>;
}

/**
 * Rows in first-seen order; a figure only one store has keeps the other cell empty. A name
 * that comes twice in one part (e.g. "sync: same, p95") pairs by its occurrence.
 */
export function pairFigures(byStore: Partial<Record<BenchStoreKind, Figure[]>>): FigureRow[] {
  const rows = new Map<string, FigureRow>();
  for (const kind of ["pglite", "postgres"] as const) {
    const seen = new Map<string, number>();
    for (const f of byStore[kind] ?? []) {
      const nth = (seen.get(f.name) ?? 0) + 1;
      seen.set(f.name, nth);
      const key = `${f.name}\u0000${nth}`;
      const row = rows.get(key) ?? { name: f.name, byStore: {} };
      row.byStore[kind] = f;
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

const cell = (f: Figure | undefined) =>
  !f
    ? "—"
    : `${Number.isNaN(f.value) ? "n/a" : `${f.value} ${f.unit}`.trim()}${f.ok === false ? " MISS" : f.ok ? " ok" : ""}`;

/** The rows of the side-by-side table, header first: figure | PGlite | PostgreSQL | target | note. */
export function sideBySideRows(rows: FigureRow[]): string[][] {
  return [
    ["figure", "PGlite", "PostgreSQL", "target", "note"],
    ...rows.map(({ name, byStore }) => {
      const any = byStore.pglite ?? byStore.postgres!;
      const notes = [...new Set([byStore.pglite?.note, byStore.postgres?.note].filter(Boolean))];
      return [
        name,
        cell(byStore.pglite),
        cell(byStore.postgres),
        any.target ? `${any.target} ${any.unit}`.trim() : "",
        notes.join(" | "),
      ];
    }),
  ];
}

export function printSideBySide(title: string, rows: FigureRow[]): void {
  console.log(`\n${title}`);
  const table = sideBySideRows(rows);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const r of table)
    console.log(
      r
        .map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c))
        .join("  ")
        .trimEnd(),
    );
}

/** Resident set size now, in MB. */
export const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
