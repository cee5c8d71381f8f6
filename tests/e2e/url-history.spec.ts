import { expect, test } from "@playwright/test";

// Issue 17: filters follow the URL both ways, with one rule on every page — a choice
// (preset, facet) pushes a history entry that Back returns to; typing in a search box
// replaces the current entry, so Back never steps through keystrokes.

test("tasks: Overdue → Today → Back restores Overdue; a search does not add entries", async ({ page }) => {
  await page.goto("/tasks");
  const presets = page.getByRole("group", { name: "Due date" });
  await presets.getByRole("button", { name: /^Overdue/ }).click();
  await expect(page).toHaveURL(/due=overdue/);
  await presets.getByRole("button", { name: /^Today/ }).click();
  await expect(page).toHaveURL(/due=today/);
  await page.getByRole("searchbox").first().fill("demo");
  await expect(page).toHaveURL(/q=demo/);
  await page.goBack();
  await expect(page).toHaveURL(/due=overdue/);
  await expect(page).not.toHaveURL(/q=/);
  await expect(presets.getByRole("button", { name: /^Overdue/ })).toHaveAttribute("aria-pressed", "true");
  await page.goForward();
  await expect(page).toHaveURL(/due=today/);
  await expect(presets.getByRole("button", { name: /^Today/ })).toHaveAttribute("aria-pressed", "true");
});

test("campaigns: a vendor facet pushes, Back restores the whole list, a search replaces", async ({ page }) => {
  await page.goto("/campaigns");
  const vendors = page.getByRole("group", { name: "Vendor" });
  await vendors.getByRole("button", { name: /^Smartlead/ }).click();
  await expect(page).toHaveURL(/vendor=smartlead/);
  await page.getByRole("searchbox", { name: "Search campaigns" }).fill("a");
  await expect(page).toHaveURL(/q=a/);
  await page.goBack();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(vendors.getByRole("button", { name: /^Smartlead/ })).toHaveAttribute("aria-pressed", "false");
});

test("contacts: a vendor facet pushes and Back restores the list", async ({ page }) => {
  await page.goto("/contacts");
  const before = page.url();
  const facet = page.getByRole("group", { name: "Vendor" }).getByRole("button", { name: /Close/ });
  await facet.click();
  await expect(page).toHaveURL(/vendor=/);
  await page.goBack();
  await expect(page).toHaveURL(before);
});
