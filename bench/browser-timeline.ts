// The browser figure of issue 6: on a 10 000-item timeline, the time from a filter click to
// the updated list on screen, and how many rows the virtual list keeps in the DOM.
//
// Seeds a fresh PGlite data dir with one person holding 10 000 activities (plus 40 tasks),
// starts the built app on it (demo off), signs in, opens the person in Chromium and clicks
// the vendor filter through all 16 vendor combinations (a Gray code: one click each, every
// state new, so a click finds in the client cache only what the page fetched ahead, as for
// a person: use-prefetch-neighbours.ts), then "Replies only" and "Hide machine opens". Each
// click is timed inside the page: from the click to the end of the frame (its layout and
// paint included) where the list shows the new request's rows; between clicks the script
// pauses 400 ms, as a person would, so each click starts on an idle server.
//
//   NEXT_DIST_DIR=.next npx tsx --conditions=react-server bench/browser-timeline.ts [--base-url http://127.0.0.1:3000 --contact <id>]
//
// It measures twice, in a fresh context each: unthrottled (p95 ≤ 50 ms, issue 17) and under
// the throttled profile of browser-profile.ts (p95 ≤ 200 ms, the INP budget).
//
// With --base-url it measures a running app (signed in with TOUCHLINE_ADMIN_EMAIL/PASSWORD)
// instead; give --contact for a person with a long timeline there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { AFTER_PAINT } from "./browser-load";
import { applyProfile, benchContext, PROFILES, profileNote, type ProfileName } from "./browser-profile";
import { atMost, info, percentile, printTable, type Figure } from "./figures";
import { launchChromium, startNextServer, type NextServer } from "./next-server";

export interface BrowserTimelineOptions {
  /** A running app to measure; otherwise one is started on a seeded temp store. */
  baseUrl?: string;
  contactId?: string;
  /** The build to start (default NEXT_DIST_DIR or .next). */
  distDir?: string;
  port?: number;
  items?: number;
  admin?: { email: string; password: string };
  /** Which profiles to measure in (both by default). */
  profiles?: ProfileName[];
  log?: (line: string) => void;
}

const GRAY = [1, 3, 2, 6, 7, 5, 4, 12, 13, 15, 14, 10, 11, 9, 8, 0]; // 4-bit Gray code after 0: one vendor toggles per step
const VENDORS = ["lemlist", "smartlead", "close", "leadlex"] as const;
const LABELS = { lemlist: "lemlist", smartlead: "Smartlead", close: "Close", leadlex: "Leadlex" } as const;
const CLICK_P95_MS: Record<ProfileName, number> = { unthrottled: 50, throttled: 200 };

/** The app to measure: a running one (--base-url), or one started on a seeded temp store. */
export interface TimelineTarget {
  base: string;
  contactId: string;
  items: number;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

/**
 * Seeds a fresh PGlite data dir with one person holding `items` activities and starts the
 * built app on it — or, with `baseUrl`, names the running app. bench/browser.ts starts it
 * while it waits for its own demo syncs (nothing is timed then).
 */
export async function startTimelineTarget(opts: BrowserTimelineOptions = {}): Promise<TimelineTarget> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const admin = opts.admin ?? {
    email: process.env.TOUCHLINE_ADMIN_EMAIL ?? "bench@touchline.test",
    password: process.env.TOUCHLINE_ADMIN_PASSWORD ?? "bench-password-long-enough-1",
  };
  const contactId = opts.contactId ?? "c_busy";
  const items = opts.items ?? 10_000;
  if (opts.baseUrl) return { base: opts.baseUrl, contactId, items, admin, stop: async () => {} };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-bench-browser-"));
  let server: NextServer | null = null;
  try {
    const { openStore } = await import("@/lib/server/store/db");
    const { seedReadWorld } = await import("./read-timeline");
    const store = await openStore({ kind: "pglite", dataDir });
    await seedReadWorld(store.db, { contacts: 300, activities: items + 6_000, busy: items });
    await store.close();
    log(`browser bench: seeded ${items} items for ${contactId}`);
    server = await startNextServer({
      distDir: opts.distDir ?? (process.env.NEXT_DIST_DIR || ".next"),
      port: opts.port ?? 3390 + Math.floor(Math.random() * 100),
      env: {
        TOUCHLINE_DATA_DIR: dataDir,
        TOUCHLINE_DEMO: "off",
        TOUCHLINE_ADMIN_EMAIL: admin.email,
        TOUCHLINE_ADMIN_PASSWORD: admin.password,
        TOUCHLINE_LOG_LEVEL: "error",
      },
    });
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const started = server;
  return {
    base: started.base,
    contactId,
    items,
    admin,
    stop: async () => {
      await started.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function benchBrowserTimeline(
  opts: BrowserTimelineOptions & { target?: Promise<TimelineTarget> } = {},
): Promise<Figure[]> {
  const target = await (opts.target ?? startTimelineTarget(opts));
  try {
    const browser = await launchChromium();
    const figures: Figure[] = [];
    try {
      for (const profile of opts.profiles ?? PROFILES)
        figures.push(...(await measure(browser, target.base, target.contactId, target.items, target.admin, profile)));
    } finally {
      await browser.close();
    }
    return figures;
  } finally {
    await target.stop();
  }
}

/** One signed-in tab on the busy contact under `profile`: the filter clicks, rows in the DOM, scrolling. */
async function measure(
  browser: Browser,
  base: string,
  contactId: string,
  items: number,
  admin: { email: string; password: string },
  profile: ProfileName,
): Promise<Figure[]> {
  const tag = `browser [${profile}]:`;
  const context = await benchContext(browser, base);
  try {
    const signIn = await context.request.post("/api/v1/session", { data: admin, headers: { origin: base } });
    if (signIn.status() !== 204)
      throw new Error(`sign-in failed (${signIn.status()}): set TOUCHLINE_ADMIN_EMAIL/PASSWORD for --base-url`);
    const page = await context.newPage();
    await applyProfile(context, page, profile);
    await page.goto(`/contacts/${encodeURIComponent(contactId)}`, { timeout: 90_000 });
    const feed = page.getByRole("feed", { name: "Timeline" });
    await feed.locator("[data-timeline-item]").first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => document.querySelector("[data-testid=timeline]")?.getAttribute("data-request") !== "pending",
    );

    /**
     * Clicks `selector` in the page and times it to the end of the first frame (layout and
     * paint included) showing the new request's rows. Sent as source text: tsx's helpers do
     * not exist in the page.
     */
    const timeClick = async (selector: string): Promise<number> =>
      page.evaluate(`new Promise((resolve, reject) => {
        ${AFTER_PAINT}
        const before = document.querySelector("[data-testid=timeline]")?.getAttribute("data-request") ?? "none";
        const target = document.querySelector(${JSON.stringify(selector)});
        if (!target) return reject(new Error("no element ${selector.replace(/"/g, "")}"));
        const t0 = performance.now();
        target.click();
        const check = () => {
          const l = document.querySelector("[data-testid=timeline]");
          const req = l?.getAttribute("data-request");
          const settled = l && req !== "pending" && req !== before && l.getAttribute("aria-busy") === "false";
          const empty = !l && document.body.innerText.includes("No items match these filters");
          // The frame's layout and paint included (see browser-tasks-click.ts).
          if (settled || empty) afterPaint(() => resolve(performance.now() - t0));
          else if (performance.now() - t0 > 15000) reject(new Error("the list did not update within 15 s"));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      })`);

    const samples: number[] = [];
    // Between clicks, a person's pause: the counts beside the filters (fetched after the
    // list, on the same single PGlite connection) finish before the next click.
    const pause = () => page.waitForTimeout(400);
    let domRows = 0;
    const countRows = async () => (domRows = Math.max(domRows, await page.locator("[data-timeline-row]").count()));
    await countRows();

    // Vendor filter: 15 clicks through every combination.
    await page.getByRole("button", { name: /^Vendor/ }).click();
    let state = 0;
    for (const next of GRAY.slice(0, 15)) {
      const bit = state ^ next;
      const vendor = VENDORS[Math.log2(bit)]!;
      const checkbox = page.getByRole("checkbox", { name: new RegExp(`^${LABELS[vendor]}`) });
      await checkbox.evaluate((el) => el.setAttribute("data-bench-target", "1"));
      samples.push(await timeClick("[data-bench-target='1']"));
      await checkbox.evaluate((el) => el.removeAttribute("data-bench-target"));
      state = next;
      await countRows();
      await pause();
    }
    await page.keyboard.press("Escape");

    // Replies only, then all kinds; machine opens hidden, then shown.
    for (const [open, name] of [
      ["Kind", "Replies only"],
      ["Kind", "All kinds"],
    ] as const) {
      await page.getByRole("button", { name: new RegExp(`^${open}`) }).click();
      const button = page.getByRole("button", { name });
      await button.evaluate((el) => el.setAttribute("data-bench-target", "1"));
      samples.push(await timeClick("[data-bench-target='1']"));
      await button.evaluate((el) => el.removeAttribute("data-bench-target")).catch(() => {});
      await page.keyboard.press("Escape");
      await countRows();
      await pause();
    }
    for (let i = 0; i < 2; i++) {
      const bots = page.getByRole("checkbox", { name: /Hide machine opens/ });
      await bots.evaluate((el) => el.setAttribute("data-bench-target", "1"));
      samples.push(await timeClick("[data-bench-target='1']"));
      await bots.evaluate((el) => el.removeAttribute("data-bench-target"));
      await countRows();
      await pause();
    }

    // Scroll deep into the list: the DOM keeps only the rows near the viewport.
    for (const f of [0.25, 0.5, 0.9]) {
      await page.evaluate((fraction) => window.scrollTo(0, document.documentElement.scrollHeight * fraction), f);
      await page.waitForTimeout(400);
      await countRows();
    }
    const loaded = await page.evaluate(
      () => document.querySelector("[data-testid=timeline]")?.firstElementChild?.getBoundingClientRect().height ?? 0,
    );
    // How much of each click was the server: the timeline API calls' own durations.
    const apiMs = (await page.evaluate(
      `performance.getEntriesByType("resource").filter((e) => /\\/timeline\\?/.test(e.name)).map((e) => e.duration)`,
    )) as number[];

    return [
      atMost(
        `${tag} filter click → updated list p95`,
        percentile(samples, 95),
        "ms",
        CLICK_P95_MS[profile],
        `${samples.length} clicks, ${items.toLocaleString("en-GB")}-item timeline; min ${Math.round(Math.min(...samples))} / median ${Math.round(percentile(samples, 50))} / max ${Math.round(Math.max(...samples))} ms (15 vendor, 2 kind, 2 machine-open clicks: ${samples.map(Math.round).join(" / ")}); ${profileNote(profile)}`,
      ),
      atMost(`${tag} timeline rows in the DOM (max)`, domRows, "rows", 200, "while filtering and scrolling"),
      info(
        `${tag} of which timeline API p50`,
        percentile(apiMs, 50),
        "ms",
        `${apiMs.length} requests, as the browser saw them`,
      ),
      info(`${tag} list height after scrolling`, loaded, "px", "virtualised; pages load as the end comes near"),
    ];
  } finally {
    await context.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const figures = await benchBrowserTimeline({ baseUrl: arg("base-url"), contactId: arg("contact") });
  printTable("Contact timeline in the browser", figures);
  process.exit(figures.every((f) => f.ok !== false) ? 0 : 1);
}
