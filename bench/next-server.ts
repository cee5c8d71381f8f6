// Shared by the benchmarks that need the real app: a production build in a dist dir of
// their own, `next start` on 127.0.0.1 (stopped with its whole process group), sign-in,
// and the Chromium the browser benches drive.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../tests/helpers/chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const NEXT = path.join(ROOT, "node_modules/.bin/next");

export const BENCH_ADMIN = { email: "bench@touchline.test", password: "bench-password-long-enough" };

/**
 * The env of a bench server on `dataDir`, signed in to as BENCH_ADMIN, logging errors only.
 * No scheduled sync may start while pages are timed: with the demo on, only its first syncs run.
 */
export function benchServerEnv(dataDir: string, demo: "on" | "off"): Record<string, string> {
  return {
    TOUCHLINE_DATA_DIR: dataDir,
    TOUCHLINE_DEMO: demo,
    TOUCHLINE_SYNC_INTERVAL_MINUTES: "0",
    TOUCHLINE_ADMIN_EMAIL: BENCH_ADMIN.email,
    TOUCHLINE_ADMIN_PASSWORD: BENCH_ADMIN.password,
    TOUCHLINE_LOG_LEVEL: "error",
  };
}

/**
 * `next build` into `distDir`, with `files` (path → source, relative to the repo) present
 * for this build only: they are removed in a `finally`, whatever happens. `next build`
 * also adds `<distDir>/types` to tsconfig.json's include; that edit is taken back so a
 * bench run leaves the checkout as it found it.
 */
export function buildNext(opts: { distDir: string; files?: Record<string, string>; timeoutMs?: number }): void {
  const written: string[] = [];
  const tsconfigPath = path.join(ROOT, "tsconfig.json");
  const tsconfigBefore = fs.readFileSync(tsconfigPath, "utf8");
  try {
    for (const [rel, source] of Object.entries(opts.files ?? {})) {
      const file = path.join(ROOT, rel);
      // Left by a run that was killed mid-build: ours, so taken over; anything else is not ours to overwrite.
      if (fs.existsSync(file) && fs.readFileSync(file, "utf8") !== source)
        throw new Error(`${rel} exists and is not the bench's; move it away first`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, source);
      written.push(file);
    }
    const build = spawnSync(NEXT, ["build"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: opts.timeoutMs ?? 240_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: opts.distDir, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0)
      throw new Error(
        `next build failed (${build.error?.message ?? `exit ${build.status}`}):\n${`${build.stdout}\n${build.stderr}`.trim().split("\n").slice(-30).join("\n")}`,
      );
  } finally {
    for (const file of written) {
      fs.rmSync(file, { force: true });
      // The folder too, when the bench created it and nothing else lives there.
      const dir = path.dirname(file);
      if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    }
    restoreTsconfig(tsconfigPath, tsconfigBefore, opts.distDir);
  }
}

/** Where the benches' own build goes (`npm run bench` makes one and every part uses it). */
export const BENCH_DIST_DIR = ".next-bench";
/** A page with nothing on it: its first-load JavaScript is the framework floor. */
export const EMPTY_PATH = "/bench-empty";
const EMPTY_PAGE = {
  "app/bench-empty/page.tsx": `// Written by bench/next-server.ts for one build and removed right after it (also in .gitignore):
// a page with nothing on it, whose first-load JavaScript is the framework floor.
export default function BenchEmpty() {
  return null;
}
`,
};

/** The app as built for the benches: the production build plus the empty page at EMPTY_PATH. */
export function buildBenchApp(distDir = BENCH_DIST_DIR): void {
  // Ten minutes: a build on a busy 2-core machine can take several.
  buildNext({ distDir, files: EMPTY_PAGE, timeoutMs: 600_000 });
}

/** Drops the include entries `next build` added for `distDir`, and nothing else. */
function restoreTsconfig(file: string, before: string, distDir: string): void {
  const after = fs.readFileSync(file, "utf8");
  if (after === before) return;
  const dist = path.relative(ROOT, path.resolve(ROOT, distDir));
  const added = [`${dist}/types/**/*.ts`, `${dist}/dev/types/**/*.ts`].filter(
    (entry) => !before.includes(`"${entry}"`),
  );
  const kept = after
    .split("\n")
    .filter((line) => !added.some((entry) => line.trim().replace(/,$/, "") === JSON.stringify(entry)))
    .join("\n")
    .replace(/,(\s*\])/g, "$1");
  try {
    JSON.parse(kept);
    fs.writeFileSync(file, kept);
  } catch {
    /* not plain JSON any more: leave it as it is rather than guess */
  }
}

export interface NextServer {
  base: string;
  /** Stops the server and everything it started (SIGTERM to its process group, then SIGKILL). */
  stop(): Promise<void>;
}

/**
 * `next start` on 127.0.0.1:`port` for the build in `distDir`, with `env` on top of this
 * process's; resolves once /api/v1/health answers (bounded by `timeoutMs`).
 */
export async function startNextServer(opts: {
  distDir: string;
  port: number;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<NextServer> {
  if (!fs.existsSync(path.join(ROOT, opts.distDir, "BUILD_ID")))
    throw new Error(`no production build in ${opts.distDir}`);
  const base = `http://127.0.0.1:${opts.port}`;
  const child = spawn(NEXT, ["start", "-H", "127.0.0.1", "-p", String(opts.port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: opts.distDir,
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return; // already gone
      }
      if (await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 3000))]))
        return;
    }
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (
      await fetch(`${base}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `next start on port ${opts.port} did not come up (${child.exitCode !== null ? `exit ${child.exitCode}` : "timed out"})`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Signs in through the API; returns the session cookie as `name=value`. */
export async function signIn(base: string, admin: { email: string; password: string } = BENCH_ADMIN): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(admin),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  if (!res.ok || !cookie) throw new Error(`could not sign in (${res.status})`);
  return cookie;
}

/** The browser the e2e suite runs (tests/helpers/chromium.ts). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("@playwright/test");
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}
