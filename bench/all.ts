// `npm run bench [-- --quick | --full] [-- --only read,load]`: every benchmark, one table with each figure on PGlite and
// on PostgreSQL side by side beside its target, the time each part took, one JSON report.
// Each part runs in its own process so one's memory and caches do not colour the next.
//
// Contract with the parts (bench/<part>.ts, run as a script):
//   BENCH_STORE=pglite|postgres  the store to run on. sync, read and load run twice, once per
//       store; browser and act (page and vendor round-trip figures) on PGlite only. A part
//       runs on PostgreSQL only if its source names BENCH_STORE, benchStore( or
//       benchDatabase( — i.e. it can honour it — and its figures count as PostgreSQL's only
//       when its report says so (writeReport records the store once the part has asked
//       benchStore(); bench/pg-cluster.ts's benchDatabase() asks it).
//   BENCH_PG_URL  the `postgres` database of a throwaway cluster this run started
//       (bench/pg-cluster.ts): take a fresh database in it (benchDatabase(name), or
//       createDatabase) rather than start a cluster of your own.
//   BENCH_REPORT_FILE  where writeReport() puts the part's report; read back from there.
//   BENCH_QUICK=1  (--quick) small worlds, few samples, the slow figures left out: the run
//       takes about two minutes when the machine is quiet. A part without a quick mode
//       (its source never names BENCH_QUICK or benchQuick) is skipped in a quick run.
//   BENCH_SIZE=standard  (the default here; not with --quick or --full) the worlds sized so
//       the whole run fits ten minutes on two cores: reads over 250 000 activities, engagement
//       over the target's 300 000-activity campaign, a 200 000-activity sync world, three
//       throttled loads per page. A part alone (`npm run bench:read`, …) runs the full sizes.
//   BENCH_BACKFILL_LEMLIST  30 000 unless given (100 000 with --full): lemlist's documented
//       ceiling is 1 000 rows/s, so the 1 000 000-activity backfill takes over 1 000 s by
//       itself; `npm run bench:sync` alone still runs it at full size.
//   BENCH_READ_BROWSER=0  the read part leaves the timeline's browser figures to the browser part.
// Both-store parts run on both stores in the quick run too: the side-by-side table is the
// point of it, and small worlds seed in seconds.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  pairFigures,
  printSideBySide,
  splitStoreFigures,
  storeLabel,
  type BenchStoreKind,
  type Figure,
  type FigureRow,
} from "./figures";
import { machineLoad } from "./browser-profile";
import { cpuReferenceMs } from "../scripts/cpu-reference.mjs";
import { startPgCluster } from "./pg-cluster";
import { BENCH_DIST_DIR, buildBenchApp } from "./next-server";

const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
// `--full`: the sizes the issues name (1 000 000 activities read and loaded per store, a
// 1 000 000-activity sync world): far over ten minutes on two cores. Without it the parts run
// at their "standard" size (bench/figures.ts benchSize), and each figure's note says the size.
const full = process.argv.includes("--full");
const PARTS: { part: string; stores: BenchStoreKind[]; needsBuild?: boolean }[] = [
  { part: "sync", stores: ["pglite", "postgres"] },
  { part: "read", stores: ["pglite", "postgres"], needsBuild: true },
  { part: "load", stores: ["pglite", "postgres"], needsBuild: true },
  { part: "browser", stores: ["pglite"], needsBuild: true },
  { part: "act", stores: ["pglite"] },
];
const TSX = path.resolve("node_modules/.bin/tsx");
const REPORTS = path.resolve("bench/reports");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");

const source = (part: string) => fs.readFileSync(path.resolve(`bench/${part}.ts`), "utf8");
const canUse = (part: string, store: BenchStoreKind) =>
  store === "pglite" || /BENCH_STORE|benchStore\(|benchDatabase\(/.test(source(part));
const hasQuick = (part: string) => /BENCH_QUICK|benchQuick/.test(source(part));

interface Timing {
  what: string;
  seconds: number;
}
const timings: Timing[] = [];
const byPart = new Map<string, Partial<Record<BenchStoreKind, Figure[]>>>();
const failed = (note: string): Figure[] => [{ name: "run", value: NaN, unit: "", ok: false, note }];

/** Runs one part on one store; its figures, or one failed "run" figure. */
function runPart(part: string, store: BenchStoreKind, env: Record<string, string>): Figure[] {
  const file = path.join(REPORTS, `${part}-${store}-${stamp}.json`);
  try {
    execFileSync(TSX, ["--conditions=react-server", `bench/${part}.ts`], {
      stdio: "inherit",
      env: { ...process.env, ...env, BENCH_STORE: store, BENCH_REPORT_FILE: file },
    });
  } catch {
    return failed("the benchmark failed; see its output above");
  }
  if (!fs.existsSync(file)) return failed("the benchmark wrote no report");
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as { store?: string; figures: Figure[] };
  if (store === "postgres" && report.store !== "postgres")
    return failed("the part did not say it ran on PostgreSQL (benchStore() never asked)");
  return report.figures;
}

/**
 * One production build for the whole run, made from the tree as it is now (with the browser
 * part's empty page): the read, load and browser parts all start it. A part alone builds or
 * reuses its own (`npm run bench:read` uses .next).
 */
function buildOnce(env: Record<string, string>): void {
  if (env.BENCH_SKIP_BUILD) return;
  const use = { NEXT_DIST_DIR: BENCH_DIST_DIR, BENCH_DIST_DIR, BENCH_SKIP_BUILD: "1" };
  // BENCH_SKIP_BUILD=1 npm run bench: reuse the last run's build (quicker, and at your risk).
  if (process.env.BENCH_SKIP_BUILD) return void Object.assign(env, use);
  console.log(`\n━━ next build (${BENCH_DIST_DIR}: the read, load and browser parts start it) ━━`);
  const t0 = Date.now();
  buildBenchApp(BENCH_DIST_DIR);
  timings.push({ what: "next build", seconds: (Date.now() - t0) / 1000 });
  Object.assign(env, use);
}

const started = Date.now();
const loadBefore = machineLoad();
// How fast this machine is (a fixed workload; lower is faster): figures from two runs compare
// only beside it. Taken before and after, so a machine that got busier in between shows.
const cpuBefore = cpuReferenceMs();
fs.mkdirSync(REPORTS, { recursive: true });
// `--only read,load`: those parts alone (the table and timings cover just them).
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : null;
const parts = PARTS.filter(
  ({ part }) => fs.existsSync(path.resolve(`bench/${part}.ts`)) && (!only || only.includes(part)),
);
const cluster = parts.some(({ part, stores }) => stores.includes("postgres") && canUse(part, "postgres"))
  ? await startPgCluster()
  : null;
try {
  const env: Record<string, string> = {
    BENCH_BACKFILL_LEMLIST: process.env.BENCH_BACKFILL_LEMLIST ?? (full ? "100000" : "30000"),
    ...(quick ? { BENCH_QUICK: "1" } : full ? {} : { BENCH_SIZE: "standard" }),
    // The timeline's browser figures come from the browser part, in both profiles.
    BENCH_READ_BROWSER: "0",
    ...(cluster ? { BENCH_PG_URL: cluster.url } : {}),
  };
  for (const { part, stores, needsBuild } of parts) {
    const figures: Partial<Record<BenchStoreKind, Figure[]>> = {};
    byPart.set(part, figures);
    if (quick && !hasQuick(part)) {
      console.log(`\n━━ bench:${part} skipped: it has no quick mode ━━`);
      figures.pglite = [{ name: "run", value: NaN, unit: "", note: "skipped in --quick: no quick mode" }];
      continue;
    }
    if (needsBuild) buildOnce(env);
    for (const store of stores) {
      if (!canUse(part, store)) {
        figures[store] = [{ name: "run", value: NaN, unit: "", note: `not run: bench/${part}.ts ignores BENCH_STORE` }];
        continue;
      }
      console.log(`\n━━ bench:${part} on ${storeLabel(store)} ━━`);
      const t0 = Date.now();
      figures[store] = runPart(part, store, env);
      timings.push({ what: `${part} on ${storeLabel(store)}`, seconds: (Date.now() - t0) / 1000 });
    }
    // A part that runs both stores itself (sync: one simulator world for both) names its
    // per-store figures "PGlite: …" / "PostgreSQL: …": each goes to its store's column.
    if (figures.postgres?.[0]?.note?.startsWith("not run") && figures.pglite)
      Object.assign(figures, splitStoreFigures(figures.pglite) ?? {});
  }
} finally {
  cluster?.stop();
}

const total = (Date.now() - started) / 1000;
const rows: FigureRow[] = [...byPart].flatMap(([part, figures]) =>
  pairFigures(figures).map((row) => ({ ...row, name: `${part}: ${row.name}` })),
);
printSideBySide(`npm run bench${quick ? " --quick" : full ? " --full" : ""} (${Math.round(total)} s)`, rows);
// The machine is shared: what else ran decides whether these figures can be quoted.
console.log(`\nMachine before: ${loadBefore}\nMachine after:  ${machineLoad()}`);
console.log(`CPU reference (scripts/cpu-reference.mjs): ${cpuBefore} ms before, ${cpuReferenceMs()} ms after`);
// Issue 17: a sync with nothing new, per vendor, beside its target (from bench:sync's demo run).
const incremental = rows.filter((r) => r.name.includes("a sync with nothing new"));
if (incremental.length) printSideBySide("Incremental syncs with nothing new (requests)", incremental);

console.log("\nTime per part");
for (const t of timings) console.log(`  ${t.what.padEnd(24)} ${t.seconds.toFixed(0).padStart(5)} s`);
// Issue 17: the run under ten minutes (the quick subset about two); --full has no budget.
const budget = quick ? 120 : full ? null : 600;
console.log(
  `  ${"total".padEnd(24)} ${total.toFixed(0).padStart(5)} s${budget ? ` ${total <= budget ? "ok" : "MISS"} (target ≤ ${budget} s)` : ""}`,
);

const all = `${REPORTS}/all-${stamp}.json`;
fs.writeFileSync(
  all,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, cpuReferenceMs: cpuBefore, quick, timings, rows },
    null,
    2,
  ),
);
console.log(`report: ${all}`);
for (const store of ["pglite", "postgres"] as const) {
  const figures = rows.flatMap((r) => (r.byStore[store] ? [r.byStore[store]] : []));
  console.log(
    `${storeLabel(store)}: ${figures.filter((f) => f.ok).length} targets met, ${figures.filter((f) => f.ok === false).length} missed`,
  );
}
process.exit(0);
