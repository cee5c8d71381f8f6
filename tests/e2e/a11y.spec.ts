import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";

// Issue 9: every page, in the light and the dark theme, scanned with axe once its data is
// on screen — no violation of impact "serious" or "critical" (contrast, names, labels,
// landmarks, ARIA structure). A failure lists each violation with the elements it hit.
// Both themes on one load: the dark scan follows an in-place switch of the system theme.
// Issue 17: the same pages on a phone (375 × 812): no sideways scrolling, the bottom
// navigation there, and the same axe scan.

type Campaign = { id: string; vendor: string; totals: { sent: number } };
type Contact = { id: string; activityCount: number };

/** The demo workspace's busiest contact and campaigns with sends (from the API, once). */
let targets: Promise<{ contact: string; campaign: string; compare: string[] }> | null = null;
function pickTargets(request: APIRequestContext) {
  targets ??= (async () => {
    const contacts = (await (await request.get("/api/v1/contacts?limit=50")).json()) as { data: Contact[] };
    const campaigns = (await (await request.get("/api/v1/campaigns")).json()) as { data: Campaign[] };
    const contact = contacts.data
      .filter((c) => c.activityCount > 0)
      .sort((a, b) => b.activityCount - a.activityCount)[0];
    const sent = campaigns.data.filter((c) => c.totals.sent > 0).sort((a, b) => b.totals.sent - a.totals.sent);
    // Two vendors side by side on the compare page.
    const other = sent.find((c) => c.vendor !== sent[0]?.vendor);
    if (!contact || !sent[0] || !other)
      throw new Error("the demo workspace has no contact with activity or no campaigns with sends in two vendors");
    return { contact: contact.id, campaign: sent[0].id, compare: [sent[0].id, other.id] };
  })();
  return targets;
}

type Ready = (page: Page) => Locator;
const h1 =
  (name: string | RegExp): Ready =>
  (page) =>
    page.getByRole("heading", { level: 1, name });
const current =
  (tab: string): Ready =>
  (page) =>
    page.getByRole("navigation", { name: "Settings" }).locator('[aria-current="page"]', { hasText: tab });

const PAGES: { name: string; path: (t: Awaited<ReturnType<typeof pickTargets>>) => string; ready: Ready[] }[] = [
  { name: "overview", path: () => "/", ready: [h1("Overview")] },
  { name: "contacts", path: () => "/contacts", ready: [h1("Contacts"), (p) => p.getByRole("row").nth(1)] },
  {
    name: "contact",
    path: (t) => `/contacts/${encodeURIComponent(t.contact)}`,
    ready: [(p) => p.getByRole("feed", { name: "Timeline" }).getByRole("article").first()],
  },
  // A table row on a laptop, a card on a phone: both carry the task's id.
  { name: "tasks", path: () => "/tasks", ready: [h1("Tasks"), (p) => p.locator("[data-task-id]").first()] },
  { name: "campaigns", path: () => "/campaigns", ready: [h1("Campaigns"), (p) => p.getByRole("row").nth(1)] },
  {
    name: "campaign",
    path: (t) => `/campaigns/${encodeURIComponent(t.campaign)}`,
    ready: [(p) => p.getByText(/^Per (day|ISO week)/).first()],
  },
  {
    name: "compare",
    path: (t) => `/campaigns/compare?ids=${t.compare.map(encodeURIComponent).join(",")}`,
    ready: [h1("Compare campaigns"), (p) => p.getByRole("columnheader").nth(2)],
  },
  { name: "settings", path: () => "/settings", ready: [h1("Settings"), (p) => p.getByRole("article").first()] },
  { name: "settings-tokens", path: () => "/settings/tokens", ready: [h1("Settings"), current("API tokens")] },
  {
    name: "settings-team",
    path: () => "/settings/team",
    ready: [h1("Settings"), current("Team"), (p) => p.getByRole("row").nth(1)],
  },
  { name: "settings-profile", path: () => "/settings/profile", ready: [h1("Settings"), current("Profile")] },
  {
    name: "settings-security",
    path: () => "/settings/security",
    ready: [h1("Settings"), current("Security"), (p) => p.getByText("This session")],
  },
  {
    name: "settings-audit",
    path: () => "/settings/audit",
    ready: [h1("Settings"), current("Audit log"), (p) => p.getByRole("row").nth(1)],
  },
];

/**
 * Rules whose outcome depends on the colours alone: all that changes between the themes
 * (next-themes swaps CSS variables on the html element; no markup changes with the theme).
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * Scans the page as it is now (every rule, or only `rules`); fails listing every serious or
 * critical violation. Legacy mode: axe.run inside the page, instead of the default partial
 * runs finished in a blank page the builder opens per scan — half the time per scan here
 * (tasks 8 → 4 s), and these pages hold no cross-origin frames, the one thing it cannot scan.
 */
async function expectNoSeriousViolations(page: Page, theme: string, name: string, rules?: string[]) {
  // Loading states gone: lists and skeletons say aria-busy while they fetch.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
  await page.screenshot({ path: `test-results/screenshots/a11y-${name}-${theme}.png`, fullPage: true });
  const axe = new AxeBuilder({ page }).setLegacyMode();
  const { violations } = await (rules ? axe.withRules(rules) : axe).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) =>
      [
        `${v.id} (${v.impact}): ${v.help}`,
        ...v.nodes
          .slice(0, 10)
          .map((n) => `    ${n.target.join(" ")} — ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`),
        ...(v.nodes.length > 10 ? [`    … and ${v.nodes.length - 10} more`] : []),
      ].join("\n"),
    )
    .join("\n");
  expect(
    serious.map((v) => v.id),
    `axe on ${name} (${theme}):\n${report}`,
  ).toEqual([]);
}

/**
 * Scans the page in the light theme, then switches the system theme to dark in place and
 * scans its colours again: next-themes follows prefers-color-scheme (defaultTheme "system"),
 * and every colour comes from CSS on the html element's class, so one load serves both scans
 * (issue 17: half the page loads of a cold load per theme), and the rules about names,
 * labels, landmarks and ARIA, which the theme cannot change, run once.
 */
async function expectNoSeriousViolationsInBothThemes(page: Page, name: string) {
  // Two scans: each keeps the time a test of its own had.
  test.setTimeout(test.info().timeout * 2);
  await expectNoSeriousViolations(page, "light", name);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousViolations(page, "dark", name, COLOUR_RULES);
}

test.describe("light and dark themes", () => {
  test.use({ colorScheme: "light" });

  test.describe("signed out", () => {
    test.use({ storageState: { cookies: [], origins: [] } });
    test("sign-in page has no serious accessibility violations (light and dark)", async ({ page }) => {
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Sign in to Touchline" })).toBeVisible();
      await expectNoSeriousViolationsInBothThemes(page, "sign-in");
    });
  });

  for (const { name, path, ready } of PAGES) {
    test(`${name} page has no serious accessibility violations (light and dark)`, async ({ page, request }) => {
      await page.goto(path(await pickTargets(request)));
      for (const locate of ready) await expect(locate(page)).toBeVisible();
      await expectNoSeriousViolationsInBothThemes(page, name);
    });
  }
});

test.describe("phone (375 × 812)", () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: "light", hasTouch: true, isMobile: true });

  for (const { name, path, ready } of PAGES) {
    test(`${name} page fits a phone and has no serious accessibility violations`, async ({ page, request }) => {
      await page.goto(path(await pickTargets(request)));
      for (const locate of ready) await expect(locate(page)).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      // The page itself never scrolls sideways; wide tables scroll inside their own box.
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest("[data-scroll-x]"))
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
        return { scroll: document.documentElement.scrollWidth - width, wide };
      });
      expect(overflow.scroll, `wider than the screen: ${overflow.wide.join(" | ")}`).toBeLessThanOrEqual(0);
      await expectNoSeriousViolations(page, "light", `${name}-375`);
    });
  }
});
