// `npm run bench:read`: read-side latencies at the sizes the issues name — timeline and
// contact search over 1 000 000 activities / 50 000 contacts, tasks at 100 000, engagement
// of a 300 000-activity campaign — and the browser figure of a filter click on a
// 10 000-item timeline (needs a production build). Each part runs in a process of its
// own, on a store of its own: PGlite, or a fresh PostgreSQL database with
// BENCH_STORE=postgres (the browser figure is PGlite's only: it times the page, not the
// store). BENCH_QUICK=1: a twentieth of the sizes, 8–15 samples, no browser figure
// (bench/all.ts --quick).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { benchQuick, benchSize, benchStore, printTable, storeLabel, writeReport, type Figure } from "./figures";

const quick = benchQuick();
const size = benchSize();
// "standard" (npm run bench): a quarter of the timeline world, the engagement target's own
// 300 000-activity campaign, fewer samples — so both stores fit the ten-minute run.
const PARTS = {
  timeline: async () =>
    (await import("./read-timeline")).benchReadTimeline(
      size === "quick"
        ? { log, contacts: 3_000, activities: 50_000, busy: 1_000, samples: 15 }
        : size === "standard"
          ? { log, contacts: 12_500, activities: 250_000, busy: 10_000, samples: 60 }
          : { log },
    ),
  tasks: async () =>
    (await import("./read-tasks")).benchReadTasks(
      size === "quick"
        ? { log, tasks: 5_000, contacts: 2_000, samples: 10 }
        : size === "standard"
          ? { log, tasks: 25_000, contacts: 5_000, samples: 40 }
          : { log },
    ),
  engagement: async () =>
    (await import("./read-engagement")).benchReadEngagement(
      size === "quick"
        ? { log, activities: 15_000, samples: 8 }
        : size === "standard"
          ? { log, activities: 300_000, samples: 30 }
          : { log },
    ),
  browser: async (): Promise<Figure[]> => {
    const dist = process.env.NEXT_DIST_DIR || ".next";
    if (!fs.existsSync(path.join(dist, "BUILD_ID")))
      return [
        {
          name: "browser timeline figures",
          value: NaN,
          unit: "",
          note: "skipped: no production build (npm run build)",
        },
      ];
    return (await import("./browser-timeline")).benchBrowserTimeline({ log });
  },
} satisfies Record<string, () => Promise<Figure[]>>;

function log(line: string) {
  console.error(`  ${line}`);
}

const MARK = "@@figures ";

if (import.meta.url === `file://${process.argv[1]}`) {
  const part = process.argv[process.argv.indexOf("--part") + 1] as keyof typeof PARTS | undefined;
  if (process.argv.includes("--part") && part && part in PARTS) {
    const figures = await PARTS[part]();
    console.log(MARK + JSON.stringify(figures));
    process.exit(0);
  }
  const store = benchStore();
  const figures: Figure[] = [];
  // bench/all.ts runs the timeline's browser figures in its browser part (both profiles):
  // BENCH_READ_BROWSER=0 leaves them out here.
  const names = Object.keys(PARTS).filter(
    (name) => name !== "browser" || (store === "pglite" && !quick && process.env.BENCH_READ_BROWSER !== "0"),
  );
  for (const name of names) {
    try {
      const out = execFileSync(
        path.resolve("node_modules/.bin/tsx"),
        ["--conditions=react-server", "bench/read.ts", "--part", name],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const line = out.split("\n").find((l) => l.startsWith(MARK));
      figures.push(...(line ? (JSON.parse(line.slice(MARK.length)) as Figure[]) : []));
    } catch {
      figures.push({ name: `${name}: run`, value: NaN, unit: "", ok: false, note: "failed; see the output above" });
    }
  }
  printTable(`bench:read (${storeLabel(store)})`, figures);
  console.log(`report: ${writeReport("read", figures)}`);
  process.exit(0);
}
