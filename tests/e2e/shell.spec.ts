import { expect, test } from "@playwright/test";

// The app shell: every page answers with its heading, navigation works by keyboard
// and mouse, both themes render, and each page is captured for review.
const PAGES = [
  { path: "/", heading: "Overview" },
  { path: "/contacts", heading: "Contacts" },
  { path: "/tasks", heading: "Tasks" },
  { path: "/campaigns", heading: "Campaigns" },
  { path: "/settings", heading: "Settings" },
];

for (const { path, heading } of PAGES) {
  test(`${heading} page renders in the shell`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("link", { name: heading, exact: true })).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: `test-results/screenshots/${heading.toLowerCase()}.png`, fullPage: true });
  });
}

test("navigates between pages from the sidebar", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
});

test("switches to the dark theme and keeps it across a reload", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Toggle theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: "test-results/screenshots/overview-dark.png", fullPage: true });
});

test("an unknown page shows a helpful not-found state", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});

test("serves a favicon and names it in every page's head", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/icon/);
  await page.goto("/");
  const href = await page.locator('head link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  expect((await request.get(href!)).status()).toBe(200);
});

test.describe("on a phone (375 × 812)", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("the bottom navigation reaches every section, with targets of at least 44 px", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeVisible();
    for (const name of ["Overview", "Contacts", "Tasks", "Campaigns", "Settings"]) {
      const box = await nav.getByRole("link", { name }).boundingBox();
      expect(box?.height, name).toBeGreaterThanOrEqual(44);
    }
    await nav.getByRole("link", { name: "Tasks" }).tap();
    await expect(page).toHaveURL(/\/tasks/);
    await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Tasks" })).toHaveAttribute("aria-current", "page");
  });

  test("the header shows connection health as one control that lists the connections", async ({ page }) => {
    await page.goto("/");
    const header = page.getByRole("banner");
    const health = header.getByRole("button", { name: /connections|need attention|Syncing/ });
    await expect(health).toBeVisible();
    expect((await header.boundingBox())?.height).toBeLessThan(80);
    await health.tap();
    await expect(page.getByRole("dialog", { name: "Connections" }).getByRole("link").first()).toBeVisible();
  });
});
