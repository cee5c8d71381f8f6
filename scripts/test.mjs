#!/usr/bin/env node
// `npm test`: everything, in order — lint, typecheck, production build, unit + store +
// integration (Vitest, against PGlite and a throwaway PostgreSQL, while the end-to-end
// servers start and sync the demo workspace), the scale-out
// test (two `next start` instances on one PostgreSQL, Vitest), and the Playwright
// end-to-end suite in Chromium against `next start`. Runs every stage it can, then
// prints one summary line and exits non-zero if anything failed.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cpuReferenceMs } from "./cpu-reference.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-test-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.CI ? "0" : "1" };

// How fast this machine is, taken before anything else runs (printed with the whole run's time).
const cpuMs = cpuReferenceMs();
const stages = [];
const startedAt = Date.now();
function stage(name, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━ ${[path.basename(cmd), ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  stages.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

/**
 * Runs independent stages at once, each with its output held back and printed whole when
 * it ends (in the order given), so logs do not interleave; each keeps its own time.
 */
async function concurrentStages(list) {
  const results = await Promise.all(
    list.map(
      ([name, cmd, args]) =>
        new Promise((resolve) => {
          const started = Date.now();
          const out = [];
          const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
          child.stdout.on("data", (d) => out.push(d));
          child.stderr.on("data", (d) => out.push(d));
          const done = (ok) =>
            resolve({ name, cmd, args, ok, out, seconds: Math.round((Date.now() - started) / 1000) });
          child.on("error", (err) => {
            out.push(Buffer.from(`${err.message}\n`));
            done(false);
          });
          child.on("close", (code) => done(code === 0));
        }),
    ),
  );
  for (const r of results) {
    console.log(`\n━━ ${r.name} ━━ ${[path.basename(r.cmd), ...r.args].join(" ")} (${r.seconds} s, run alongside)`);
    process.stdout.write(Buffer.concat(r.out));
    stages.push({ name: r.name, ok: r.ok, seconds: r.seconds });
  }
}

// Lint, format and typecheck read the sources and nothing else: they run side by side.
await concurrentStages([
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["format", bin("prettier"), ["--check", "--log-level=warn", "."]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
]);
const built = stage("production build", bin("next"), ["build"]);

// The end-to-end servers (the sandbox and `next start` with the demo workspace, whose first
// sync takes a minute or more) start now and get ready while Vitest runs; Playwright reuses
// them. Their log is kept in a file and printed if the end-to-end stage fails.
const e2eEnv = { E2E_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "touchline-e2e-")), E2E_REUSE_SERVERS: "1" };
const e2eLog = path.join(reports, "e2e-servers.log");
const e2eServers = built
  ? spawn(bin("tsx"), ["tests/e2e/servers.ts"], {
      cwd: root,
      env: { ...env, ...e2eEnv },
      stdio: ["ignore", "ignore", fs.openSync(e2eLog, "a")],
    })
  : null;
const stopE2eServers = () => {
  if (e2eServers && e2eServers.exitCode === null) e2eServers.kill("SIGTERM");
};
process.on("exit", stopE2eServers);

const vitestJson = path.join(reports, "vitest.json");
stage("unit, store and integration tests", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
const scaleJson = path.join(reports, "vitest-scale.json");
const scaleName = "scale-out (two instances, one PostgreSQL)";
if (built)
  stage(scaleName, bin("vitest"), [
    "run",
    "--config",
    "vitest.scale.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${scaleJson}`,
  ]);
else stages.push({ name: scaleName, ok: false, seconds: 0, skipped: "build failed" });
const pwJson = path.join(reports, "playwright.json");
if (built) {
  const ok = stage("end-to-end (Chromium)", bin("playwright"), ["test"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    ...e2eEnv,
  });
  stopE2eServers();
  if (!ok) {
    const log = fs.readFileSync(e2eLog, "utf8").trim().split("\n");
    console.log(`\n━━ end-to-end servers' log (last 40 of ${log.length} lines) ━━\n${log.slice(-40).join("\n")}`);
  }
} else stages.push({ name: "end-to-end (Chromium)", ok: false, seconds: 0, skipped: "build failed" });

// One closing line over every test the runners executed.
let passed = 0;
let failed = 0;
let skipped = 0;
let flaky = 0;
/** Every test's time (vitest and Playwright, each try), for the slowest ten in the closing note. */
const timings = [];
for (const report of [vitestJson, scaleJson]) {
  try {
    const v = JSON.parse(fs.readFileSync(report, "utf8"));
    for (const file of v.testResults ?? [])
      for (const t of file.assertionResults ?? [])
        timings.push({ ms: t.duration ?? 0, name: `${path.relative(root, file.name)} › ${t.fullName}` });
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  } catch {
    /* vitest did not run to the end (or at all): its stage already failed */
  }
}
// Each end-to-end failure's first lines, repeated at the very end: CI logs are often read from the tail.
const e2eFailures = [];
try {
  const p = JSON.parse(fs.readFileSync(pwJson, "utf8"));
  passed += p.stats?.expected ?? 0;
  failed += p.stats?.unexpected ?? 0;
  flaky += p.stats?.flaky ?? 0;
  skipped += p.stats?.skipped ?? 0;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const r of t.results ?? []) {
          timings.push({
            ms: r.duration ?? 0,
            name: `${[`tests/e2e/${spec.file}`, ...titles, spec.title].filter(Boolean).join(" › ")}${r.retry ? ` [try ${r.retry + 1}]` : ""}`,
          });
          if (r.status === "failed" || r.status === "timedOut") {
            const message = (r.error?.message ?? r.status).replace(/\u001b\[[0-9;]*m/g, "");
            const where = r.error?.location
              ? ` (${path.basename(r.error.location.file)}:${r.error.location.line})`
              : "";
            e2eFailures.push(
              `${[...titles, spec.title].filter(Boolean).join(" › ")} [try ${r.retry + 1}]${where}\n    ${message.split("\n").slice(0, 4).join("\n    ")}`,
            );
          }
        }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of p.suites ?? []) walk(suite, []);
} catch {
  /* playwright did not run */
}

if (e2eFailures.length) {
  console.log("\n━━ end-to-end failures ━━");
  for (const f of e2eFailures.slice(0, 12)) console.log(`✘ ${f}`);
}
if (timings.length) {
  console.log("\n━━ slowest tests ━━");
  for (const t of timings.sort((a, b) => b.ms - a.ms).slice(0, 10))
    console.log(`${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.name}`);
}
console.log("\n━━ summary ━━");
for (const s of stages)
  console.log(`${s.ok ? "ok  " : "FAIL"} ${s.name} (${s.seconds} s)${s.skipped ? ` — skipped: ${s.skipped}` : ""}`);
const failedStages = stages.filter((s) => !s.ok).length;
if (flaky) console.log(`note: ${flaky} end-to-end test(s) failed once and passed on retry (see above)`);
// Issue 17's budget for the whole run on a 2-core machine, said beside the figure.
const wall = Math.round((Date.now() - startedAt) / 1000);
console.log(
  `whole run: ${wall} s (target ≤ 600 s on 2 cores; this machine has ${os.cpus().length}; CPU reference ${cpuMs} ms, scripts/cpu-reference.mjs)`,
);
console.log(`${passed + flaky} passed, ${failed + failedStages} failed, ${skipped} skipped`);
process.exit(failedStages || failed ? 1 : 0);
