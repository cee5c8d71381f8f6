// `npm run bench` part "browser": the page budgets of issue 9, on a production build in
// Chromium against 127.0.0.1 —
//   - Largest Contentful Paint of the overview, a contact, the tasks and a campaign page:
//     the median of RUNS cold navigations each (a new browser context per navigation, so
//     no HTTP cache and no client state help);
//   - Cumulative Layout Shift of the same navigations (layout-shift entries without recent
//     input, summed over the load; the worst run counts);
//   - first-load JavaScript per route: every same-origin script a cold load fetches,
//     gzipped here (zlib level 9) and summed, against the same figure for an empty page
//     of the same build — the framework floor (Next, React, the root layout's providers).
//     Link prefetches of other routes are blocked during that load: they fetch the next
//     page's code, not this one's. 1 KB = 1000 bytes, as Next's own build output counts.
//
// Builds the app itself into BENCH_DIST_DIR (default .next-bench) with a temporary empty
// page at /bench-empty (removed right after the build), starts `next start` on a fresh
// data dir with the demo workspace, waits (bounded) for the demo's first syncs, signs in
// and measures. Stops its server whatever happens.
//
//   npx tsx --conditions=react-server bench/browser.ts        (BENCH_DIST_DIR, BENCH_PORT)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { Browser } from "@playwright/test";
import { atMost, info, percentile, printTable, writeReport, type Figure } from "./figures";
import { benchServerEnv, buildNext, launchChromium, signIn, startNextServer, type NextServer } from "./next-server";

const RUNS = 5;
const LCP_BUDGET_MS = 1000;
const CLS_BUDGET = 0.05;
const EMPTY_PATH = "/bench-empty";
const EMPTY_PAGE = {
  "app/bench-empty/page.tsx": `// Written by bench/browser.ts for one build and removed right after it (also in .gitignore):
// a page with nothing on it, whose first-load JavaScript is the framework floor.
export default function BenchEmpty() {
  return null;
}
`,
};
const SYNC_WAIT_MS = 150_000;
const log = (line: string) => console.error(`  browser: ${line}`);

interface Load {
  lcp: number;
  cls: number;
  lcpElement: string;
  /** Same-origin scripts fetched, with their gzip -9 size; only when asked for. */
  scripts: { url: string; gzip: number }[];
}

export async function benchBrowser(opts: { distDir?: string; port?: number } = {}): Promise<Figure[]> {
  const distDir = opts.distDir ?? process.env.BENCH_DIST_DIR ?? ".next-bench";
  const port = opts.port ?? Number(process.env.BENCH_PORT || 3700 + Math.floor(Math.random() * 90));
  const t0 = performance.now();
  buildNext({ distDir, files: EMPTY_PAGE });
  const buildSeconds = (performance.now() - t0) / 1000;
  log(`built ${distDir} in ${buildSeconds.toFixed(0)} s`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-bench-browser-"));
  let server: NextServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startNextServer({
      distDir,
      port,
      env: benchServerEnv(dataDir, "on"),
    });
    const { base } = server;
    const cookie = await signIn(base);
    const api = async <T>(p: string): Promise<T> => {
      const res = await fetch(base + p, { headers: { cookie } });
      if (!res.ok) throw new Error(`${p}: ${res.status}`);
      return (await res.json()) as T;
    };

    const t1 = performance.now();
    const synced = await waitForDemoSyncs(api);
    const syncSeconds = (performance.now() - t1) / 1000;
    log(`demo syncs ${synced ? "finished" : "still running"} after ${syncSeconds.toFixed(0)} s`);

    // A contact with activity (the busiest of the most recent ones) and the campaign with the most sends.
    const { data: contacts } = await api<{ data: { id: string; activityCount: number }[] }>(
      "/api/v1/contacts?limit=50",
    );
    const contact = contacts.filter((c) => c.activityCount > 0).sort((a, b) => b.activityCount - a.activityCount)[0];
    const { data: campaigns } = await api<{ data: { id: string; totals: { sent: number } }[] }>("/api/v1/campaigns");
    const campaign = campaigns.filter((c) => c.totals.sent > 0).sort((a, b) => b.totals.sent - a.totals.sent)[0];
    if (!contact || !campaign)
      throw new Error("the demo workspace has no contact with activity or no campaign with sends");

    const pages = {
      empty: EMPTY_PATH,
      overview: "/",
      contact: `/contacts/${encodeURIComponent(contact.id)}`,
      tasks: "/tasks",
      campaign: `/campaigns/${encodeURIComponent(campaign.id)}`,
      contacts: "/contacts",
      settings: "/settings",
    } as const;
    type PageName = keyof typeof pages;
    const timed: PageName[] = ["overview", "contact", "tasks", "campaign"];
    const jsBudget: Partial<Record<PageName, number>> = {
      overview: 40,
      contact: 40,
      tasks: 40,
      contacts: 40,
      settings: 40,
      campaign: 120,
    };

    browser = await launchChromium();
    const [name, ...rest] = cookie.split("=");
    const sessionCookie = { name: name!, value: rest.join("="), url: base };

    // First pass: one cold load of every page, counting its JavaScript. It also warms the
    // server (each route's first request loads its server code), so the timed runs don't pay that.
    const js = {} as Record<PageName, Load["scripts"]>;
    for (const [page, p] of Object.entries(pages) as [PageName, string][])
      js[page] = (await coldLoad(browser, base, sessionCookie, p, true)).scripts;

    // Timed runs, round-robin over the pages so a noisy moment spreads over all of them.
    const runs = Object.fromEntries(timed.map((p) => [p, [] as Load[]])) as Record<PageName, Load[]>;
    for (let i = 0; i < RUNS; i++)
      for (const page of timed) runs[page].push(await coldLoad(browser, base, sessionCookie, pages[page], false));

    const kb = (scripts: Load["scripts"]) => scripts.reduce((n, s) => n + s.gzip, 0) / 1000;
    const floor = kb(js.empty);
    const figures: Figure[] = [];
    for (const page of timed) {
      const lcps = runs[page].map((r) => r.lcp);
      const median = percentile(lcps, 50);
      const element = runs[page].find((r) => r.lcp === median)?.lcpElement ?? "?";
      figures.push(
        atMost(
          `${page}: LCP, median of ${RUNS} cold loads`,
          median,
          "ms",
          LCP_BUDGET_MS,
          `${lcps.map((v) => Math.round(v)).join(" / ")} ms; element ${element}`,
        ),
      );
    }
    for (const page of timed) {
      const cls = runs[page].map((r) => r.cls);
      figures.push(
        atMost(
          `${page}: CLS, worst of ${RUNS} cold loads`,
          Math.max(...cls),
          "",
          CLS_BUDGET,
          `each: ${cls.map((v) => v.toFixed(3)).join(" / ")}`,
        ),
      );
    }
    figures.push(
      info(
        "first-load JS floor (empty page, signed in)",
        floor,
        "KB gzip",
        `${js.empty.length} scripts; Next + React + root layout`,
      ),
    );
    for (const [page, budget] of Object.entries(jsBudget) as [PageName, number][]) {
      const total = kb(js[page]);
      figures.push(
        atMost(
          `${page}: first-load JS above the floor`,
          total - floor,
          "KB gzip",
          budget,
          `${total.toFixed(1)} KB gzip in all, ${js[page].length} scripts`,
        ),
      );
    }
    figures.push(
      info(
        "build + demo sync wait",
        buildSeconds + syncSeconds,
        "s",
        `build ${buildSeconds.toFixed(0)} s, demo syncs ${syncSeconds.toFixed(0)} s${synced ? "" : " (not finished: figures taken during a sync)"}`,
      ),
    );
    for (const page of Object.keys(pages) as PageName[])
      log(
        `${page}: ${js[page].map((s) => `${path.basename(new URL(s.url).pathname)} ${(s.gzip / 1000).toFixed(1)}`).join(", ")}`,
      );
    return figures;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Waits until every demo connection has finished its first sync (or failed); false on time-out. */
async function waitForDemoSyncs(api: <T>(p: string) => Promise<T>): Promise<boolean> {
  const deadline = Date.now() + SYNC_WAIT_MS;
  while (Date.now() < deadline) {
    const { data } = await api<{ data: { lastSyncAt: string | null; sync: { state: string } }[] }>(
      "/api/v1/connections",
    ).catch(() => ({ data: [] }));
    if (data.length && data.every((c) => c.sync.state !== "running" && (c.lastSyncAt || c.sync.state === "failed")))
      return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

/**
 * Reads the page's LCP, CLS and LCP element from buffered performance entries. Source
 * text, not a function: the page has none of tsx's helpers.
 */
const READ_VITALS = `new Promise((resolve) => {
  let lcp = NaN, element = "?", cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      lcp = e.startTime;
      const el = e.element;
      element = el ? el.tagName.toLowerCase() + (el.getAttribute("data-slot") ? "[" + el.getAttribute("data-slot") + "]" : "") + " “" + (el.textContent || "").trim().slice(0, 30) + "”" : "?";
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
  // Buffered entries arrive in a task of their own.
  setTimeout(() => resolve({ lcp, cls, element }), 50);
})`;

/** One navigation in a fresh context (cold cache), signed in; optionally counts its JavaScript. */
async function coldLoad(
  browser: Browser,
  base: string,
  cookie: { name: string; value: string; url: string },
  pathname: string,
  countScripts: boolean,
): Promise<Load> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    timezoneId: "Europe/Paris",
    locale: "en-GB",
  });
  try {
    await context.addCookies([cookie]);
    const page = await context.newPage();
    const bodies = new Map<string, Promise<Buffer | null>>();
    if (countScripts) {
      // Prefetches of linked routes bring the next page's code: not this page's first load.
      await page.route("**/*", (route) =>
        route.request().headers()["next-router-prefetch"] ? route.abort() : route.fallback(),
      );
      page.on("response", (res) => {
        if (
          res.request().resourceType() === "script" &&
          res.url().startsWith(`${base}/`) &&
          res.ok() &&
          !bodies.has(res.url())
        )
          bodies.set(
            res.url(),
            res.body().catch(() => null),
          );
      });
    }
    const res = await page.goto(pathname, { waitUntil: "load", timeout: 30_000 });
    if (!res?.ok() || !page.url().startsWith(base + pathname.split("?")[0]))
      throw new Error(`${pathname}: ${res?.status()} at ${page.url()}`);
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
    await page.waitForTimeout(300);
    const vitals = (await page.evaluate(READ_VITALS)) as { lcp: number; cls: number; element: string };
    const scripts: Load["scripts"] = [];
    for (const [url, body] of bodies) {
      const b = await body;
      if (!b) throw new Error(`${pathname}: could not read ${url}`);
      scripts.push({ url, gzip: zlib.gzipSync(b, { level: 9 }).length });
    }
    return { lcp: vitals.lcp, cls: vitals.cls, lcpElement: vitals.element, scripts };
  } finally {
    await context.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const figures = await benchBrowser();
  printTable(`bench:browser (${Math.round((performance.now() - started) / 1000)} s)`, figures);
  console.log(`report: ${writeReport("browser", figures)}`);
  process.exit(0);
}
