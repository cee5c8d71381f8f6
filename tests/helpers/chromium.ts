import fs from "node:fs";
import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium (or CHROMIUM_PATH) and the flags it runs with here (no sandbox or GPU
 * in a container, no background traffic): one list for the e2e suite (playwright.config.ts)
 * and the browser benches (bench/next-server.ts), so both measure the same browser.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
} satisfies LaunchOptions;
