import { expect, type Browser, type BrowserContext, type Page, test } from "@playwright/test";
import { createAccountFromInvite } from "./invite-form";

// A team, in Chromium (issue 14): an admin invites a member and a viewer from Settings → Team;
// the member joins from the link, links their vendor users and sees "Assigned to me" with
// tasks from three vendors, cannot open connection settings or call admin routes; the viewer
// cannot start a sync; deactivating the member ends their open session within a second;
// "sign out everywhere" ends the others; tokens keep to their scope.

const anonymous = { cookies: [], origins: [] };
const MEMBER = { email: "member.e2e@touchline.test", name: "Camille Laurent", password: "member-e2e-password-1" };
const VIEWER = { email: "viewer.e2e@touchline.test", name: "Val Viewer", password: "viewer-e2e-password-1" };

test.describe.configure({ mode: "serial" });

let memberContext: BrowserContext;
let memberPage: Page;

async function inviteFromTeamPage(page: Page, role: "Member" | "Viewer"): Promise<string> {
  await page.goto("/settings/team");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByLabel("Invite link");
  await expect(link).toHaveValue(/\/invite\/[\w-]{43}$/);
  return link.inputValue();
}

async function join(browser: Browser, url: string, who: typeof MEMBER, baseURL: string) {
  const context = await browser.newContext({ storageState: anonymous, baseURL });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Join your team on Touchline" })).toBeVisible();
  await createAccountFromInvite(page, who);
  return { context, page };
}

test("an admin invites a member; the member joins and sees their own tasks from three vendors", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const url = await inviteFromTeamPage(page, "Member");
  await page.screenshot({ path: "test-results/screenshots/team-invite.png", fullPage: true });
  // The link works once: the second use is refused (checked after the member joined).
  ({ context: memberContext, page: memberPage } = await join(browser, url, MEMBER, baseURL!));
  const again = await memberPage.request.get(`/api/v1/invites/${url.split("/").pop()}`);
  expect(again.status()).toBe(404);

  // Profile: pick, in each vendor with tasks, the vendor user with the most open tasks.
  await memberPage.goto("/settings/profile");
  await expect(memberPage.getByRole("heading", { name: "You in each vendor" })).toBeVisible();
  for (const vendor of ["lemlist", "Close", "Leadlex"]) {
    const group = memberPage.getByRole("group", { name: vendor, exact: true });
    await expect(group.getByRole("checkbox").first()).toBeVisible();
    await group.getByRole("checkbox").first().check();
  }
  await memberPage.screenshot({ path: "test-results/screenshots/team-profile.png", fullPage: true });
  await memberPage.getByRole("button", { name: "Save my vendor users" }).click();
  await expect(memberPage.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Tasks open on "Assigned to me" for a member, and show exactly the API's assignee=me rows.
  await memberPage.goto("/tasks?size=500");
  await expect(memberPage.getByRole("button", { name: "Assigned to me" })).toHaveAttribute("aria-pressed", "true");
  const mine = (await (
    await memberPage.request.get("/api/v1/tasks?assignee=me&due=all&limit=500&tz=Europe%2FParis")
  ).json()) as {
    data: { id: string; vendor: string; assignee: { name: string | null } | null }[];
    total: number;
  };
  expect(new Set(mine.data.map((t) => t.vendor))).toEqual(new Set(["lemlist", "close", "leadlex"]));
  expect(
    mine.data.every((t) => !!t.assignee?.name),
    "assignees have names, not ids",
  ).toBe(true);
  await expect
    .poll(() =>
      memberPage.locator("table [data-task-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-task-id"))),
    )
    .toEqual(mine.data.map((t) => t.id));
  await memberPage.screenshot({ path: "test-results/screenshots/team-assigned-to-me.png" });
  await memberPage.setViewportSize({ width: 375, height: 800 });
  await memberPage.screenshot({ path: "test-results/screenshots/team-assigned-to-me-375.png", fullPage: true });
  await memberPage.setViewportSize({ width: 1440, height: 900 });
  // Everyone's tasks are one click away.
  await memberPage.getByRole("button", { name: "Everyone" }).click();
  await expect(memberPage).toHaveURL(/who=all/);
});

test("a member cannot open connection settings nor call admin routes", async ({ baseURL }) => {
  // Our own Origin, as the app's pages send it: the 403s below are the role's, not the Origin check's.
  const headers = { origin: baseURL! };
  await memberPage.goto("/settings");
  await expect(memberPage.getByRole("heading", { name: "Connection settings are for admins" })).toBeVisible();
  await expect(
    memberPage.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Connections" }),
  ).toHaveCount(0);
  for (const [path, data] of [
    ["/api/v1/connections", { vendor: "lemlist", apiKey: "x-key-123456" }],
    ["/api/v1/invites", { role: "admin" }],
  ] as const)
    expect((await memberPage.request.post(path, { data, headers })).status(), path).toBe(403);
  const conns = (await (await memberPage.request.get("/api/v1/connections")).json()) as { data: { id: string }[] };
  expect((await memberPage.request.delete(`/api/v1/connections/${conns.data[0]!.id}`, { headers })).status()).toBe(403);
  // What a member may do, they can: start a sync.
  expect((await memberPage.request.post(`/api/v1/connections/${conns.data[0]!.id}/sync`, { headers })).status()).toBe(
    202,
  );
  expect((await memberPage.request.get("/api/v1/users")).status()).toBe(403);
});

test("a viewer reads but cannot start a sync", async ({ page, browser, baseURL }) => {
  const url = await inviteFromTeamPage(page, "Viewer");
  const { context, page: viewer } = await join(browser, url, VIEWER, baseURL!);
  const conns = (await (await viewer.request.get("/api/v1/connections")).json()) as { data: { id: string }[] };
  expect(conns.data.length).toBeGreaterThan(0);
  const forbidden = await viewer.request.post(`/api/v1/connections/${conns.data[0]!.id}/sync`, {
    headers: { origin: baseURL! },
  });
  expect(forbidden.status()).toBe(403);
  expect(((await forbidden.json()) as { detail: string }).detail).toMatch(/member role/);
  expect((await viewer.request.get("/api/v1/contacts")).status()).toBe(200);
  await context.close();
});

test('"sign out everywhere" ends the member\'s other sessions and keeps this one', async ({ browser, baseURL }) => {
  const second = await browser.newContext({ storageState: anonymous, baseURL });
  const signIn = await second.request.post("/api/v1/session", {
    data: { email: MEMBER.email, password: MEMBER.password },
    headers: { origin: baseURL! },
  });
  expect(signIn.status()).toBe(204);
  expect((await second.request.get("/api/v1/me")).status()).toBe(200);
  await memberPage.goto("/settings/security");
  await expect(memberPage.getByText("This session")).toBeVisible();
  await memberPage.screenshot({ path: "test-results/screenshots/team-security.png", fullPage: true });
  await memberPage.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(memberPage.getByRole("status").filter({ hasText: "Every other session has ended." })).toBeVisible();
  expect((await second.request.get("/api/v1/me")).status()).toBe(401);
  expect((await memberPage.request.get("/api/v1/me")).status()).toBe(200);
  await second.close();
});

test("deactivating the member ends their open session within a second", async ({ page }) => {
  await page.goto("/settings/team");
  await expect((await memberPage.request.get("/api/v1/me")).status()).toBe(200);
  const patched = page.waitForResponse((r) => r.url().includes("/api/v1/users/") && r.request().method() === "PATCH");
  await page.getByRole("button", { name: `Deactivate ${MEMBER.email}` }).click();
  expect((await patched).status()).toBe(200);
  const t0 = Date.now();
  await expect
    .poll(async () => (await memberPage.request.get("/api/v1/me")).status(), { timeout: 1000, intervals: [100] })
    .toBe(401);
  expect(Date.now() - t0).toBeLessThan(1000);
  await page.screenshot({ path: "test-results/screenshots/team-deactivated.png", fullPage: true });
  // Their next page load lands on sign-in.
  await memberPage.goto("/tasks");
  await expect(memberPage).toHaveURL(/\/sign-in/);
  await memberContext.close();
});

test("a read token cannot POST anything, and no token can create a token", async ({ page, playwright, baseURL }) => {
  const make = async (scope: string) => {
    const res = await page.request.post("/api/v1/tokens", {
      data: { name: `e2e ${scope}`, scope },
      headers: { origin: baseURL! },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const read = await make("read");
  const admin = await make("admin");
  const as = (token: string) =>
    playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const r = await as(read);
  const conns = (await (await r.get("/api/v1/connections")).json()) as { data: { id: string }[] };
  for (const [path, data] of [
    [`/api/v1/connections/${conns.data[0]!.id}/sync`, {}],
    ["/api/v1/connections", { vendor: "lemlist", apiKey: "x-key-123456" }],
    ["/api/v1/invites", { role: "viewer" }],
    ["/api/v1/contacts/anything/refresh", {}],
  ] as const)
    expect((await r.post(path, { data })).status(), path).toBe(403);
  for (const token of [read, admin]) {
    const c = await as(token);
    expect((await c.post("/api/v1/tokens", { data: { name: "minted", scope: "admin" } })).status()).toBe(403);
    await c.dispose();
  }
  await r.dispose();
});
