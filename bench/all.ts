// `npm run bench`: every benchmark, one JSON report and one table with each figure
// beside its target. Each part runs in its own process so one's memory and caches do
// not colour the next.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { printTable, writeReport, type Figure } from "./figures";

const parts = ["sync", "read", "load", "browser", "act"].filter((p) => fs.existsSync(path.resolve(`bench/${p}.ts`)));
const all: Figure[] = [];
const started = Date.now();
for (const part of parts) {
  console.log(`\n━━ bench:${part} ━━`);
  try {
    execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", `bench/${part}.ts`], {
      stdio: "inherit",
      env: process.env,
    });
    const dir = path.resolve("bench/reports");
    const latest = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`${part}-`))
      .sort()
      .at(-1);
    if (latest)
      all.push(
        ...(JSON.parse(fs.readFileSync(path.join(dir, latest), "utf8")).figures as Figure[]).map((f) => ({
          ...f,
          name: `${part}: ${f.name}`,
        })),
      );
  } catch {
    all.push({
      name: `${part}: run`,
      value: NaN,
      unit: "",
      ok: false,
      note: "the benchmark failed; see its output above",
    });
  }
}
printTable(`npm run bench (${Math.round((Date.now() - started) / 1000)} s)`, all);
console.log(`report: ${writeReport("all", all)}`);
const missed = all.filter((f) => f.ok === false).length;
console.log(`${all.filter((f) => f.ok).length} targets met, ${missed} missed`);
