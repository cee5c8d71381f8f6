import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { sandboxVendors } from "./lib/sandbox/registry";
import { vendorMeta } from "./lib/vendors/metas";
import { CHROMIUM_LAUNCH_OPTIONS } from "./tests/helpers/chromium";

// One production server (next build && next start) with a fresh data dir and the demo
// workspace, shared by every spec. Workers re-read this file: the env var keeps one dir.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "touchline-e2e-"));
const port = Number(process.env.E2E_PORT ?? 3199);
export const E2E_ADMIN = { email: "admin@touchline.test", password: "e2e-password-long-enough-1" };
/** The signed-in browser state global-setup saves and every spec starts from. */
export const E2E_STORAGE_STATE = `${process.env.E2E_DATA_DIR}.storage-state.json`;
/**
 * A standalone sandbox (npm run sandbox) that the app's *_API_URL point at, so a spec
 * can add a connection with a key the way a user would: the registry's first vendor on this
 * port, the next on +1, and so on. Its world has another seed than the demo's.
 */
export const E2E_SANDBOX_PORT = 20_000 + (port % 1000) * 8; // up to eight vendors' ports of its own per E2E_PORT
const sandbox = (offset: number, basePath: string) => `http://127.0.0.1:${E2E_SANDBOX_PORT + offset}${basePath}`;

/**
 * Specs that change what other specs read — connections added, removed or failing (the stale
 * banner on every page), tasks completed and rescheduled, users invited and linked to vendor
 * users. The rest read the demo workspace and may run beside each other.
 */
const WRITERS = /\/(connections|stale-data|task-actions|team)\.spec\.ts$/;

/**
 * `npm test` starts the servers below early (tests/e2e/servers.ts, while Vitest runs) and
 * says so; otherwise Playwright starts its own and refuses a port that is already taken.
 */
const REUSE_SERVERS = process.env.E2E_REUSE_SERVERS === "1";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Specs that only read the shared workspace run test by test on several workers against the
  // one server (waiting on pages and syncs parallelises well even on two cores); specs that
  // change it run afterwards, one at a time in file order, as before.
  // One by default on a 2-core machine: with 3 workers the heavy pages (tasks at 500 rows, a
  // campaign's charts) timed out, and 2 took as long in all as 1 (the server, the sandbox and
  // the browsers share the two cores) with tests that passed only on retry. More cores: raise it.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  projects: [
    // "teardown", not "dependencies": the writers run after the readers even when a reader
    // failed (a failed dependency would skip them). Running single spec files of the readers,
    // add --no-deps, or the writers run in full after them (Playwright runs a teardown whole).
    { name: "reads", testIgnore: WRITERS, fullyParallel: true, teardown: "writes" },
    { name: "writes", testMatch: WRITERS, workers: 1 },
  ],
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json"]],
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    timezoneId: "Europe/Paris",
    locale: "en-GB",
    viewport: { width: 1440, height: 900 },
    storageState: E2E_STORAGE_STATE,
    // Recorded on a retry only (CI retries once): recording every test's trace, to keep the
    // failures', cost a third of the whole e2e run on two cores (tasks + campaigns specs:
    // 175–186 s with it, 118 s without). Locally, `--trace on` records them.
    trace: "on-first-retry",
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  webServer: [
    {
      command: `node node_modules/.bin/tsx --conditions=react-server scripts/sandbox.ts --seed 8080 --people 80 --activities 2000 --port-base ${E2E_SANDBOX_PORT}`,
      url: `${sandbox(0, "/api")}/team`,
      timeout: 120_000,
      reuseExistingServer: REUSE_SERVERS,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node scripts/start.mjs",
      url: `http://127.0.0.1:${port}/api/v1/health`,
      timeout: 240_000,
      reuseExistingServer: REUSE_SERVERS,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        TOUCHLINE_DATA_DIR: process.env.E2E_DATA_DIR,
        TOUCHLINE_DEMO: "on",
        TOUCHLINE_ADMIN_EMAIL: E2E_ADMIN.email,
        TOUCHLINE_ADMIN_PASSWORD: E2E_ADMIN.password,
        NEXT_TELEMETRY_DISABLED: "1",
        // User-added connections reach the standalone sandbox above (one port per vendor, in
        // the registry's order, as scripts/sandbox.ts --port-base gives them).
        ...Object.fromEntries(
          Object.values(sandboxVendors).map((v, i) => [vendorMeta(v.vendor).baseUrlEnv, sandbox(i, v.basePath)]),
        ),
      },
    },
  ],
});
