import { expect, type Page } from "@playwright/test";

/**
 * On an invite link's page: creates the account of `who` and waits for the overview the
 * new user lands on (the team spec and the task-actions spec both join users this way).
 */
export async function createAccountFromInvite(page: Page, who: { email: string; name: string; password: string }) {
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByLabel("Repeat the password").fill(who.password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
}
