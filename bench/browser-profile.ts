// The two conditions the browser benches measure in (issue 17):
//   - unthrottled: this machine's Chromium against 127.0.0.1, as it is;
//   - throttled: Lighthouse's mobile profile through the DevTools protocol — the page's
//     main thread slowed 4× (Emulation.setCPUThrottlingRate) and a slow-4G link
//     (Network.emulateNetworkConditions: 150 ms added to every request, 1.6 Mbps down,
//     750 kbps up). Lighthouse's own "devtools" mode adds 562.5 ms per request to mimic the
//     same RTT over several round trips; the issue names 150 ms, so 150 ms it is: read the
//     throttled figures as the issue's profile, not as a Lighthouse score.
// Applied per page, after the context is created and before the navigation, so every
// request of a cold load (the document included) goes through it.
import fs from "node:fs";
import os from "node:os";
import { execFileSync } from "node:child_process";
import type { Browser, BrowserContext, Page } from "@playwright/test";

export type ProfileName = "unthrottled" | "throttled";
export const PROFILES: ProfileName[] = ["unthrottled", "throttled"];

export const THROTTLE = { cpuRate: 4, latencyMs: 150, downMbps: 1.6, upKbps: 750 } as const;

/** A fresh context (no cache, no state) as every browser bench views the app: a 1440 × 900 laptop in Paris. */
export const benchContext = (browser: Browser, base: string): Promise<BrowserContext> =>
  browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    timezoneId: "Europe/Paris",
    locale: "en-GB",
  });

/** Puts `page` under `profile` (nothing to do unthrottled). */
export async function applyProfile(context: BrowserContext, page: Page, profile: ProfileName): Promise<void> {
  if (profile === "unthrottled") return;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE.cpuRate });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: THROTTLE.latencyMs,
    // The protocol takes bytes per second.
    downloadThroughput: (THROTTLE.downMbps * 1_000_000) / 8,
    uploadThroughput: (THROTTLE.upKbps * 1000) / 8,
  });
}

export const profileNote = (profile: ProfileName) =>
  profile === "unthrottled"
    ? "no throttling"
    : `CPU ${THROTTLE.cpuRate}× slower, ${THROTTLE.latencyMs} ms per request, ${THROTTLE.downMbps} Mbps down / ${THROTTLE.upKbps} kbps up`;

/**
 * What else was running while a bench measured: the load average and the busiest other
 * processes (this machine is shared; figures taken under load say so).
 */
export function machineLoad(): string {
  const [one, five] = os.loadavg();
  let busiest = "";
  try {
    busiest = execFileSync("ps", ["-eo", "pcpu=,comm=", "--sort=-pcpu"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .slice(0, 5)
      .map((l) => l.trim().replace(/\s+/, "% "))
      .join(", ");
  } catch {
    /* no ps: the load average says enough */
  }
  return `load average ${one!.toFixed(2)} (1 min) / ${five!.toFixed(2)} (5 min) on ${os.cpus().length} cores${busiest ? `; busiest: ${busiest}` : ""}`;
}

/** The machine's busy share (0–1) over the next `ms`, from /proc/stat; NaN where there is none. */
async function busyShare(ms: number): Promise<number> {
  const read = () => {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + (f[4] ?? 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0;
  } catch {
    return NaN;
  }
}

/**
 * Waits (at most `maxMs`) until the machine has been under `share` busy for two seconds in a
 * row — e.g. the server's own work after its syncs — so timed loads do not share it.
 * Returns the seconds waited.
 */
export async function waitForQuietMachine(share = 0.15, maxMs = 60_000): Promise<number> {
  const t0 = performance.now();
  let quiet = 0;
  while (performance.now() - t0 < maxMs && quiet < 2) {
    const busy = await busyShare(1000);
    quiet = Number.isNaN(busy) ? 2 : busy < share ? quiet + 1 : 0;
  }
  return (performance.now() - t0) / 1000;
}
