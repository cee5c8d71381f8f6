import { type Browser, expect, type Page, test } from "@playwright/test";
import { addDays, isoWeekday } from "../../lib/dates/calendar";
import { calendarDateIn } from "../../lib/dates/zone";
import { createAccountFromInvite } from "./invite-form";

// Acting on tasks where they live (issue 15), in Chromium against the demo workspace's
// simulators: complete an overdue lemlist task and a Close task from the tasks page (gone
// from "Open" after a reload and after a sync); reschedule a date-only Close task to next
// Monday from Auckland (the vendor gets the day); bulk-reschedule 40 tasks across two
// vendors with progress and no failure; a refused write leaves the row as it was with the
// reason; the contact page's open tasks, its timeline's task rows and the overview's "Due
// today" act too; a viewer sees no actions.

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

/** A new user of `role`, joined from an admin's invite link, in a browser context of their own. */
async function join(page: Page, browser: Browser, baseURL: string, role: "Member" | "Viewer", email: string) {
  await page.goto("/settings/team");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByLabel("Invite link");
  await expect(link).toHaveValue(/\/invite\//);
  const url = await link.inputValue();
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  const user = await context.newPage();
  await user.goto(url);
  // A retry runs this serial file again from its first test: an address of its own per try
  // (the first try's account exists, and an invite cannot create it twice).
  const retry = test.info().retry;
  await createAccountFromInvite(user, {
    email: retry ? email.replace("@", `+try${retry + 1}@`) : email,
    name: `${role} Actions`,
    password: `${role.toLowerCase()}-actions-password-1`,
  });
  return { context, user };
}

test("a member completes an overdue lemlist task and a Close task from the tasks page", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  await waitForSyncs(page);
  const { context, user: member } = await join(page, browser, baseURL!, "Member", "member.actions@touchline.test");
  // The member links, in each vendor, the free user (not linked to a teammate) with the most
  // tasks this test acts on: overdue ones in lemlist, open ones in Close.
  await member.goto("/settings/profile");
  for (const [vendor, label, due] of [
    ["lemlist", "lemlist", "overdue"],
    ["close", "Close", "all"],
  ] as const) {
    const open = await api<{ data: (Task & { assignee: { name: string | null } | null })[] }>(
      page,
      `/tasks?status=open&due=${due}&vendors=${vendor}&limit=500`,
    );
    const counts = new Map<string, number>();
    for (const t of open.data)
      if (t.assignee?.name) counts.set(t.assignee.name, (counts.get(t.assignee.name) ?? 0) + 1);
    const group = member.getByRole("group", { name: label, exact: true });
    const showAll = group.getByRole("button", { name: /^Show all/ });
    if (await showAll.count()) await showAll.click();
    const names = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
    let linked = false;
    for (const n of names) {
      const box = group.getByRole("checkbox", { name: n });
      if ((await box.count()) !== 1 || (await box.isDisabled())) continue;
      await box.check();
      linked = true;
      break;
    }
    expect(linked, `a free ${label} user with ${due} open tasks`).toBe(true);
  }
  await member.getByRole("button", { name: "Save my vendor users" }).click();
  await expect(member.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  const completed: string[] = [];
  for (const [vendor, due] of [
    ["lemlist", "overdue"],
    ["close", "all"],
  ] as const) {
    // A member's tasks page opens on "Assigned to me".
    await member.goto(`/tasks?vendors=${vendor}&due=${due}`);
    await expect(member.getByRole("button", { name: "Assigned to me" })).toHaveAttribute("aria-pressed", "true");
    const first = member.locator("tbody tr[data-task-id]").first();
    await expect(first).toBeVisible();
    const id = (await first.getAttribute("data-task-id"))!;
    completed.push(id);
    const answer = member.waitForResponse(
      (r) => r.url().includes("/api/v1/tasks/") && r.request().method() === "PATCH",
    );
    await first.getByRole("button", { name: /^Complete “/ }).click();
    expect((await answer).status()).toBe(200);
    await expect(member.getByRole("status").filter({ hasText: "confirmed by" })).toBeVisible();
    await expect(row(member, id)).toHaveCount(0);
    await member.reload();
    await expect(member.locator("tbody tr[data-task-id]").first()).toBeVisible();
    await expect(row(member, id)).toHaveCount(0);
    const done = await api<{ data: Task[] }>(member, `/tasks?status=done&vendors=${vendor}&limit=500`);
    expect(done.data.some((t) => t.id === id)).toBe(true);
    await member.screenshot({ path: `test-results/screenshots/task-actions-${vendor}.png` });
  }

  // A teammate's task: no actions on its row, and a 403 from the API (with the app's Origin, so it is the rule's).
  const mine = await api<{ data: Task[] }>(member, "/tasks?status=open&assignee=me&vendors=close&limit=500");
  const all = await api<{ data: Task[] }>(member, "/tasks?status=open&vendors=close&limit=500");
  const theirs = all.data.find((t) => !mine.data.some((m) => m.id === t.id))!;
  expect(theirs).toBeTruthy();
  await member.goto(`/tasks?who=all&due=all&vendors=close&q=${encodeURIComponent(theirs.title)}`);
  await expect(row(member, theirs.id)).toBeVisible();
  await expect(row(member, theirs.id).getByRole("button", { name: /^Complete “/ })).toHaveCount(0);
  const refused = await member.request.patch(`/api/v1/tasks/${encodeURIComponent(theirs.id)}`, {
    data: { status: "done" },
    headers: { origin: baseURL! },
  });
  expect(refused.status()).toBe(403);
  // Unlink again: team.spec's member links the same vendor users (a vendor user has one teammate).
  const unlink = await member.request.put("/api/v1/me/identities", {
    data: { identities: [] },
    headers: { origin: baseURL! },
  });
  expect(unlink.status()).toBe(200);
  await context.close();

  // The next sync keeps the vendor's truth.
  const { data: conns } = await api<{ data: { id: string; vendor: string }[] }>(page, "/connections");
  for (const c of conns.filter((c) => c.vendor === "lemlist" || c.vendor === "close"))
    expect(
      (await page.request.post(`/api/v1/connections/${c.id}/sync`, { headers: { origin: baseURL! } })).status(),
    ).toBe(202);
  await page.waitForTimeout(1500);
  await waitForSyncs(page);
  // Both are still done after the sync re-read them: the simulators hold the change.
  const done = await api<{ data: Task[] }>(page, "/tasks?status=done&vendors=lemlist,close&limit=500");
  for (const id of completed) expect(done.data.find((t) => t.id === id)?.status, id).toBe("done");
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
  // 200 rows a page: enough of each vendor's open tasks on one page whatever their mix in time.
  await page.goto("/tasks?vendors=lemlist,close&sort=-dueAt&size=200");
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

test("completes a task from the contact page's open tasks", async ({ page }) => {
  const open = await api<{ data: (Task & { contact: { id: string } | null })[] }>(
    page,
    "/tasks?status=open&vendors=close&limit=500",
  );
  const task = open.data.find((t) => t.contact)!;
  await page.goto(`/contacts/${encodeURIComponent(task.contact!.id)}`);
  const section = page.getByRole("region", { name: /^Open tasks/ });
  const item = section.locator(`li[data-task-id="${task.id}"]`);
  // The block shows the first few; the rest are behind "Show all" (waited for: never read before it renders).
  await expect(section.locator("li[data-task-id]").first()).toBeVisible();
  if (!(await item.isVisible())) await section.getByRole("button", { name: /^Show all/ }).click();
  await item.getByRole("button", { name: /^Complete “/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "confirmed by Close" })).toBeVisible();
  await expect(item).toHaveCount(0);
  const done = await api<{ data: Task[] }>(page, "/tasks?status=done&vendors=close&limit=500");
  expect(done.data.some((t) => t.id === task.id)).toBe(true);
});

test("completes a task from its row on the contact's timeline", async ({ page }) => {
  const open = await api<{ data: (Task & { vendor: string; contact: { id: string } | null })[] }>(
    page,
    "/tasks?status=open&vendors=lemlist,close&limit=500",
  );
  const task = open.data.find((t) => t.contact)!;
  expect(task).toBeTruthy();
  // Tasks only, so the row is on the first screen whatever the person's history.
  await page.goto(`/contacts/${encodeURIComponent(task.contact!.id)}?kinds=task`);
  const article = page.locator(`article[data-task-id="${task.id}"]`);
  await expect(article).toHaveAttribute("aria-label", /^Task:/);
  await page.screenshot({ path: "test-results/screenshots/task-actions-timeline-1440.png" });
  await page.setViewportSize({ width: 375, height: 812 });
  // The timeline is virtualised: on a phone the contact card and the open tasks push the row
  // below the fold, and it is rendered once scrolled near, as a user's thumb would.
  const complete = article.getByRole("button", { name: /^Complete “/ });
  for (let i = 0; i < 20 && !(await complete.isVisible()); i++) await page.mouse.wheel(0, 400);
  await expect(complete).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/task-actions-timeline-375.png" });
  await article.getByRole("button", { name: /^Complete “/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /confirmed by (lemlist|Close)/ })).toBeVisible();
  // The row is re-read from the store: now a done task, with no "Complete" (lemlist cannot reopen; Close can).
  await expect(article).toHaveAttribute("aria-label", /^Task done:/);
  await expect(article.getByRole("button", { name: /^Complete “/ })).toHaveCount(0);
  const done = await api<{ data: Task[] }>(page, "/tasks?status=done&vendors=lemlist,close&limit=500");
  expect(done.data.some((t) => t.id === task.id)).toBe(true);
});

test("completes a task from the overview's Due today", async ({ page }) => {
  const today = await api<{ data: Task[] }>(page, "/tasks?status=open&due=today&vendors=lemlist,close&limit=50");
  expect(today.data.length, "the demo world has lemlist or Close tasks due today").toBeGreaterThan(0);
  await page.goto("/");
  const card = page.getByRole("region", { name: "Tasks due today" });
  const first = card
    .locator("li[data-task-id]")
    .filter({ has: page.getByRole("button", { name: /^Complete “/ }) })
    .first();
  await expect(first).toBeVisible();
  const id = (await first.getAttribute("data-task-id"))!;
  await card.screenshot({ path: "test-results/screenshots/task-actions-overview-1440.png" });
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(first.getByRole("button", { name: /^Complete “/ })).toBeVisible();
  await card.screenshot({ path: "test-results/screenshots/task-actions-overview-375.png" });
  await first.getByRole("button", { name: /^Complete “/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "confirmed by" })).toBeVisible();
  // The server-rendered figures follow: the task leaves the list.
  await expect(card.locator(`li[data-task-id="${id}"]`)).toHaveCount(0);
  const done = await api<{ data: Task[] }>(page, "/tasks?status=done&limit=500");
  expect(done.data.some((t) => t.id === id)).toBe(true);
});

test("a viewer sees no actions", async ({ page, browser, baseURL }) => {
  const { context, user: viewer } = await join(page, browser, baseURL!, "Viewer", "viewer.actions@touchline.test");
  await viewer.goto("/tasks?who=all");
  await expect(viewer.locator("tbody tr[data-task-id]").first()).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Complete “/ })).toHaveCount(0);
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  // With the app's Origin, so the 403 is the role check and not the cross-site one.
  const r = await viewer.request.patch(`/api/v1/tasks/${encodeURIComponent("lemlist:x")}`, {
    data: { status: "done" },
    headers: { origin: baseURL! },
  });
  expect(r.status()).toBe(403);
  expect(((await r.json()) as { detail: string }).detail).toMatch(/role/);
  await context.close();
});
