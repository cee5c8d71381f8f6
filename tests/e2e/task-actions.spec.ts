import { expect, type Page, test } from "@playwright/test";
import { addDays, isoWeekday } from "../../lib/dates/calendar";
import { calendarDateIn } from "../../lib/dates/zone";

// Acting on tasks where they live (issue 15), in Chromium against the demo workspace's
// simulators: complete an overdue lemlist task and a Close task from the tasks page (gone
// from "Open" after a reload and after a sync); reschedule a date-only Close task to next
// Monday from Auckland (the vendor gets the day); bulk-reschedule 40 tasks across two
// vendors with progress and no failure; a refused write leaves the row as it was with the
// reason; a viewer sees no actions.

type Task = { id: string; title: string; status: string; dueDate: string | null; dueIsDateOnly: boolean };

test.describe.configure({ mode: "serial" });

async function api<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`/api/v1${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}
const row = (page: Page, id: string) => page.locator(`tr[data-task-id="${id}"]`);

async function waitForSyncs(page: Page) {
  await expect
    .poll(
      async () => {
        const { data } = await api<{ data: { sync: { state: string }; lastSyncAt: string | null }[] }>(
          page,
          "/connections",
        );
        return data.length > 0 && data.every((c) => c.lastSyncAt && c.sync.state !== "running");
      },
      { timeout: 240_000 },
    )
    .toBe(true);
}

test("completes an overdue lemlist task and a Close task from the tasks page", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await waitForSyncs(page);
  for (const [vendor, due] of [
    ["lemlist", "overdue"],
    ["close", "all"],
  ] as const) {
    await page.goto(`/tasks?vendors=${vendor}&due=${due}`);
    const first = page.locator("tbody tr[data-task-id]").first();
    await expect(first).toBeVisible();
    const id = (await first.getAttribute("data-task-id"))!;
    const answer = page.waitForResponse((r) => r.url().includes("/api/v1/tasks/") && r.request().method() === "PATCH");
    await first.getByRole("button", { name: /^Complete “/ }).click();
    expect((await answer).status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "confirmed by" })).toBeVisible();
    await expect(row(page, id)).toHaveCount(0);
    await page.reload();
    await expect(page.locator("tbody tr[data-task-id]").first()).toBeVisible();
    await expect(row(page, id)).toHaveCount(0);
    const done = await api<{ data: Task[] }>(page, `/tasks?status=done&vendors=${vendor}&limit=500`);
    expect(done.data.some((t) => t.id === id)).toBe(true);
    await page.screenshot({ path: `test-results/screenshots/task-actions-${vendor}.png` });
  }
  // The next sync keeps the vendor's truth.
  const { data: conns } = await api<{ data: { id: string; vendor: string }[] }>(page, "/connections");
  for (const c of conns.filter((c) => c.vendor === "lemlist" || c.vendor === "close"))
    expect(
      (await page.request.post(`/api/v1/connections/${c.id}/sync`, { headers: { origin: baseURL! } })).status(),
    ).toBe(202);
  await page.waitForTimeout(1500);
  await waitForSyncs(page);
  const done = await api<{ total: number }>(page, "/tasks?status=done&vendors=lemlist,close&limit=1");
  expect(done.total).toBeGreaterThanOrEqual(2);
});

test.describe("from Auckland", () => {
  test.use({ timezoneId: "Pacific/Auckland" });
  test("reschedules a date-only Close task to next Monday: the vendor gets the day", async ({ page }) => {
    const open = await api<{ data: Task[] }>(page, "/tasks?status=open&vendors=close&limit=500");
    const task = open.data.find((t) => t.dueIsDateOnly && t.dueDate)!;
    expect(task).toBeTruthy();
    await page.goto(`/tasks?vendors=close&dueFrom=${task.dueDate}&dueTo=${task.dueDate}`);
    const r = row(page, task.id);
    await expect(r).toBeVisible();
    await r.getByRole("button", { name: /^Reschedule “/ }).click();
    const sent = page.waitForRequest((q) => q.method() === "PATCH" && q.url().includes(encodeURIComponent(task.id)));
    await page.getByRole("button", { name: /^Next Monday/ }).click();
    const today = calendarDateIn(Date.now(), "Pacific/Auckland");
    const monday = addDays(today, 8 - isoWeekday(today));
    expect((await sent).postDataJSON()).toEqual({ dueAt: monday, dueIsDateOnly: true });
    await expect(page.getByRole("status").filter({ hasText: "confirmed by Close" })).toBeVisible();
    const after = await api<{ data: Task[] }>(
      page,
      `/tasks?status=open&vendors=close&dueFrom=${monday}&dueTo=${monday}&tz=America/Los_Angeles&limit=500`,
    );
    expect(after.data.find((t) => t.id === task.id)).toMatchObject({ dueDate: monday, dueIsDateOnly: true });
  });
});

test("bulk-reschedules 40 tasks across two vendors with progress and no failure", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/tasks?vendors=lemlist,close&sort=-dueAt");
  const rows = page.locator("tbody tr[data-task-id]");
  await expect(rows.nth(45)).toBeVisible();
  const vendors = new Set<string>();
  // Pick 40 rows spanning both vendors: the first 20 lemlist and the first 20 Close ones.
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-task-id")!));
  const chosen = [
    ...ids.filter((i) => i.startsWith("lemlist:")).slice(0, 20),
    ...ids.filter((i) => i.startsWith("close:")).slice(0, 20),
  ];
  expect(chosen).toHaveLength(40);
  for (const id of chosen) {
    vendors.add(id.split(":")[0]!);
    await row(page, id).getByRole("checkbox").check();
  }
  expect(vendors.size).toBe(2);
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("40 selected");
  await bar.getByRole("button", { name: "Reschedule" }).click();
  await page.getByRole("button", { name: /^In a week/ }).click();
  await expect(bar.getByRole("progressbar", { name: "Progress" })).toBeVisible();
  await expect(bar).toContainText("40 of 40 done", { timeout: 120_000 });
  await expect(bar).not.toContainText("failed");
  await page.screenshot({ path: "test-results/screenshots/task-actions-bulk.png" });
});

test("a refused write leaves the row as it was, with the vendor's reason", async ({ page }) => {
  await page.goto("/tasks?vendors=close");
  const first = page.locator("tbody tr[data-task-id]").first();
  const id = (await first.getAttribute("data-task-id"))!;
  // The server side of a vendor refusal is covered against the simulators (tests/integration/task-actions.test.ts).
  await page.route("**/api/v1/tasks/*", (route) =>
    route.request().method() === "PATCH"
      ? route.fulfill({
          status: 422,
          contentType: "application/problem+json",
          body: JSON.stringify({
            type: "about:blank",
            title: "Unprocessable",
            status: 422,
            detail: "Close refused the change: date: must be a date (HTTP 400). Nothing was changed.",
          }),
        })
      : route.fallback(),
  );
  await first.getByRole("button", { name: /^Complete “/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Close refused the change" })).toBeVisible();
  await expect(row(page, id)).toBeVisible();
  await expect(row(page, id).getByRole("button", { name: /^Complete “/ })).toBeEnabled();
});

test("a viewer sees no actions", async ({ page, browser, baseURL }) => {
  await page.goto("/settings/team");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const url = await page.getByLabel("Invite link").inputValue();
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  const viewer = await context.newPage();
  await viewer.goto(url);
  await viewer.getByLabel("Email").fill("viewer.actions@touchline.test");
  await viewer.getByLabel("Your name").fill("Vi Ewer");
  await viewer.getByLabel("Password", { exact: true }).fill("viewer-actions-password-1");
  await viewer.getByLabel("Repeat the password").fill("viewer-actions-password-1");
  await viewer.getByRole("button", { name: "Create my account" }).click();
  await expect(viewer.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await viewer.goto("/tasks?who=all");
  await expect(viewer.locator("tbody tr[data-task-id]").first()).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Complete “/ })).toHaveCount(0);
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  const r = await viewer.request.patch(`/api/v1/tasks/${encodeURIComponent("lemlist:x")}`, {
    data: { status: "done" },
  });
  expect(r.status()).toBe(403);
  await context.close();
});
