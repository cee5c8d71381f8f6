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

export function writeReport(name: string, figures: Figure[]): string {
  const dir = path.resolve("bench/reports");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2));
  return file;
}

/** Resident set size now, in MB. */
export const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
