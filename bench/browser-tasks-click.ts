// The tasks page's filter click for bench/browser.ts: in a fresh context under a profile,
// opens /tasks, then clicks through the due-date presets (each a state not clicked before in
// this tab; the page's own idle prefetch of the presets' first pages — use-prefetch-presets.ts —
// counts, as it would for a person, and the 1-s settle below gives it the time a person
// takes to read the page) and times each click inside the page,
// from the click to the end of the first frame (its layout and paint included) where the
// table shows the new request's rows (its data-request names another request than before,
// and is absent while busy). A 400 ms pause
// between clicks, as a person would.
import type { Browser } from "@playwright/test";
import { AFTER_PAINT, waitForMark, type Cookie } from "./browser-load";
import { applyProfile, benchContext, type ProfileName } from "./browser-profile";

const PRESETS = ["Overdue", "Today", "Tomorrow", "This week", "Next 7 days", "No due date"];

const TIME_CLICK = (label: string) => `new Promise((resolve, reject) => {
  ${AFTER_PAINT}
  const group = document.querySelector('[role=group][aria-label="Due date"]');
  const target = group && [...group.querySelectorAll("button")].find((b) => b.textContent.trim().startsWith(${JSON.stringify(label)}));
  if (!target) return reject(new Error("no due preset ${label}"));
  // The table names the request its rows answer (data-request, absent while loading or stale).
  const table = () => document.querySelector("table[aria-busy]");
  const shown = () => table()?.getAttribute("data-request") ?? null;
  const before = shown();
  const t0 = performance.now();
  target.click();
  const check = () => {
    const now = shown();
    // Seen in a frame's animation callback: the frame is then laid out and painted; a message
    // posted now is handled right after that, so the time includes the frame's layout and paint.
    if (now && now !== before) afterPaint(() => resolve(performance.now() - t0));
    else if (performance.now() - t0 > 20000) reject(new Error("the task list did not update within 20 s"));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** Milliseconds from each preset click to the updated task list on screen. */
export async function timeTaskFilterClicks(
  browser: Browser,
  base: string,
  cookies: Cookie[],
  profile: ProfileName,
): Promise<number[]> {
  const context = await benchContext(browser, base);
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await applyProfile(context, page, profile);
    await page.goto("/tasks", { timeout: 90_000 });
    await page.locator('table[aria-busy="false"] tr[data-task-id]').first().waitFor({ timeout: 60_000 });
    // Clicks come once the page is interactive (its mark), and a second later, as a person's would.
    await waitForMark(page, 60_000);
    await page.waitForTimeout(1000);
    const samples: number[] = [];
    for (const label of PRESETS) {
      samples.push((await page.evaluate(TIME_CLICK(label))) as number);
      await page.waitForTimeout(400);
    }
    return samples;
  } finally {
    await context.close();
  }
}
