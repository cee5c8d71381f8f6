// One cold page load for bench/browser.ts: a new browser context (no HTTP cache, no
// client state), signed in, under a profile (browser-profile.ts); returns its LCP, CLS and,
// when asked, the scripts it fetched split at the moment the page became interactive.
//
// "Interactive" is the app's own mark, `touchline:interactive` (components/providers/
// interactive.ts): set in the first idle period after both the root's hydration commit
// and the document's load event — by then the whole HTML has streamed, every script it
// or hydration asked for has loaded (the load event waits for scripts inserted before it),
// and the main thread has nothing left queued. A script whose request started before the
// mark is first-load JavaScript; one requested after it "loads later" (e.g. the campaign
// page's charts, which wait for the mark).
import zlib from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { applyProfile, benchContext, type ProfileName } from "./browser-profile";

export interface Load {
  lcp: number;
  cls: number;
  lcpElement: string;
  /** When the app set its interactive mark, ms from navigation start. */
  interactive: number;
  /** Same-origin scripts requested before the mark, with their gzip -9 size; only when asked for. */
  firstLoad: Script[];
  /** Same-origin scripts requested after it (until the network is idle). */
  later: Script[];
}
export interface Script {
  url: string;
  gzip: number;
}

export const INTERACTIVE_MARK = "touchline:interactive";

/** In-page source: runs `fn` once the current frame has been rendered (the click timers' end). */
export const AFTER_PAINT = `const afterPaint = (fn) => { const ch = new MessageChannel(); ch.port1.onmessage = fn; ch.port2.postMessage(null); };`;

export interface Cookie {
  name: string;
  value: string;
  url: string;
}

/**
 * Reads the page's LCP, CLS, LCP element, interactive mark and each resource's request
 * start from buffered performance entries. Source text, not a function: the page has none
 * of tsx's helpers.
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
  const mark = performance.getEntriesByName(${JSON.stringify(INTERACTIVE_MARK)})[0];
  const starts = {};
  for (const e of performance.getEntriesByType("resource")) if (!(e.name in starts)) starts[e.name] = e.startTime;
  // Buffered entries arrive in a task of their own.
  setTimeout(() => resolve({ lcp, cls, element, interactive: mark ? mark.startTime : NaN, starts }), 50);
})`;

/** One navigation in a fresh context (cold cache), signed in; optionally counts its JavaScript. */
export async function coldLoad(
  browser: Browser,
  base: string,
  cookies: Cookie[],
  pathname: string,
  opts: { profile: ProfileName; countScripts: boolean },
): Promise<Load> {
  const context = await benchContext(browser, base);
  const slow = opts.profile === "throttled";
  try {
    await context.addCookies(cookies);
    // More resource entries than the default 250 kept, so none is dropped from the split.
    await context.addInitScript("performance.setResourceTimingBufferSize(2000)");
    const page = await context.newPage();
    await applyProfile(context, page, opts.profile);
    const bodies = new Map<string, Promise<Buffer | null>>();
    if (opts.countScripts) {
      // Prefetches of linked routes bring the next page's code: not this page's.
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
    const res = await page.goto(pathname, { waitUntil: "load", timeout: slow ? 180_000 : 90_000 });
    if (!res?.ok() || !page.url().startsWith(base + pathname.split("?")[0]))
      throw new Error(`${pathname}: ${res?.status()} at ${page.url()}`);
    // A build from before the mark existed (BENCH_NO_MARK=1, for "before" figures) — or a
    // load that never set it (a starved machine): every script until the network is idle
    // counts as first-load, the conservative reading, and the figures say how many did.
    if (!process.env.BENCH_NO_MARK) {
      const found = await waitForMark(page, slow ? 120_000 : 60_000);
      if (found !== true)
        console.error(
          `  browser: ${pathname}: no ${INTERACTIVE_MARK} mark (${found}); all its scripts count as first-load`,
        );
    }
    // What loads after the mark: until the network has been quiet for 500 ms.
    await page.waitForLoadState("networkidle", { timeout: slow ? 30_000 : 10_000 }).catch(() => {});
    // A script counted needs its response too (a timed load reads only the buffered entries).
    if (opts.countScripts) await page.waitForTimeout(300);
    const vitals = (await page.evaluate(READ_VITALS)) as {
      lcp: number;
      cls: number;
      element: string;
      interactive: number;
      starts: Record<string, number>;
    };
    const firstLoad: Script[] = [];
    const later: Script[] = [];
    for (const [url, body] of bodies) {
      const b = await body;
      if (!b) throw new Error(`${pathname}: could not read ${url}`);
      const start = vitals.starts[url];
      if (start === undefined) throw new Error(`${pathname}: no resource timing for ${url}`);
      (Number.isNaN(vitals.interactive) || start < vitals.interactive ? firstLoad : later).push({
        url,
        gzip: zlib.gzipSync(b, { level: 9 }).length,
      });
    }
    return {
      lcp: vitals.lcp,
      cls: vitals.cls,
      lcpElement: vitals.element,
      interactive: vitals.interactive,
      firstLoad,
      later,
    };
  } finally {
    await context.close();
  }
}

export const kb = (scripts: Script[]) => scripts.reduce((n, s) => n + s.gzip, 0) / 1000;

/**
 * Polls for the interactive mark with page.evaluate (which the page's CSP allows, where
 * waitForFunction's string predicate is an eval the CSP refuses). True, or why not.
 */
export async function waitForMark(page: Page, timeoutMs: number): Promise<true | string> {
  const until = Date.now() + timeoutMs;
  const probe = `performance.getEntriesByName(${JSON.stringify(INTERACTIVE_MARK)}).length > 0`;
  while (Date.now() < until) {
    try {
      if (await page.evaluate(probe)) return true;
    } catch (err) {
      return (err as Error).message.split("\n")[0]!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `not set within ${timeoutMs / 1000} s`;
}
