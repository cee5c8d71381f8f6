import { expect, test, type Page } from "@playwright/test";

// Issue 18 on the demo workspace: partial copies said out loud, reply classes, one base per
// rate, a compare link with an unknown id, the tasks presets — and screenshots of the
// campaign page, compare and the tasks page, light and dark, at 1440 and 375 px.

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/numbers-${name}.png`, fullPage: true });

interface ListItem {
  id: string;
  vendor: string;
  name: string;
  totals: { sent: number };
  rates: Record<string, number | null>;
  completeness: { state: string; reason: string | null };
}

async function campaigns(page: Page): Promise<ListItem[]> {
  const res = await page.request.get("/api/v1/campaigns");
  return ((await res.json()) as { data: ListItem[] }).data;
}

test("no campaign shows a rate above 100 %, and Leadlex's partial copies say so on the list", async ({ page }) => {
  const all = await campaigns(page);
  for (const c of all)
    for (const [k, v] of Object.entries(c.rates)) if (v !== null) expect(v, `${c.name} ${k}`).toBeLessThanOrEqual(1);
  const partial = all.filter((c) => c.completeness.state === "partial");
  for (const c of partial) expect(c.completeness.reason).toBeTruthy();
  await page.goto("/campaigns");
  if (partial[0]) {
    const row = page.getByRole("row").filter({ hasText: partial[0].name }).first();
    await expect(row.getByRole("button", { name: /^Partial/ })).toBeVisible();
  }
});

test("a compare link with an unknown id compares the rest and says which was not found", async ({ page }) => {
  const all = await campaigns(page);
  const [a, b] = [all.find((c) => c.vendor === "lemlist")!, all.find((c) => c.vendor === "smartlead")!];
  await page.goto(`/campaigns/compare?ids=${a.id},lemlist:deleted_one,${b.id}`);
  await expect(page.getByRole("status").filter({ hasText: "not found" })).toContainText("lemlist:deleted_one");
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await expect(page.getByRole("columnheader", { name: new RegExp(esc(a.name)) })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: new RegExp(esc(b.name)) })).toBeVisible();
  await expect(page.getByRole("list", { name: "Legend" })).toContainText("of delivered");
  await page.getByRole("group", { name: "Show as" }).getByRole("button", { name: "Table" }).click();
  await expect(page.getByRole("table", { name: /Rates by campaign/ })).toBeVisible();
});

test("the tasks page says what This week holds", async ({ page }) => {
  await page.goto("/tasks");
  await expect(
    page
      .getByRole("group", { name: "Due date" })
      .getByRole("button", { name: /This week \(Mon–Sun, incl\. past days\)/ }),
  ).toBeVisible();
});

for (const theme of ["light", "dark"] as const) {
  for (const width of [1440, 375]) {
    test.describe(`screens, ${theme}, ${width} px`, () => {
      test.use({ colorScheme: theme, viewport: { width, height: 900 } });
      test("campaign page, compare and tasks", async ({ page }) => {
        const all = await campaigns(page);
        const biggest = [...all].sort((x, y) => y.totals.sent - x.totals.sent)[0]!;
        const leadlex = all.find((c) => c.vendor === "leadlex" && c.totals.sent > 0);
        await page.goto(`/campaigns/${encodeURIComponent(biggest.id)}?interval=week&replies=human`);
        await expect(page.getByRole("group", { name: "Replies counted" })).toBeVisible();
        await expect(page.getByText(/Reply rate = replies written by a person/)).toBeVisible();
        await shot(page, `campaign-${theme}-${width}`);
        if (leadlex) {
          await page.goto(`/campaigns/${encodeURIComponent(leadlex.id)}`);
          if (leadlex.completeness.state === "partial")
            await expect(page.getByRole("note", { name: "Partial data" })).toBeVisible();
          await shot(page, `leadlex-${theme}-${width}`);
        }
        const ids = [biggest.id, ...(leadlex ? [leadlex.id] : []), "lemlist:gone"].join(",");
        await page.goto(`/campaigns/compare?ids=${ids}`);
        await expect(page.getByRole("img", { name: /^Bar chart of rates by campaign/ })).toBeVisible();
        await shot(page, `compare-${theme}-${width}`);
        await page.goto("/tasks");
        await expect(page.getByRole("group", { name: "Due date" })).toBeVisible();
        await shot(page, `tasks-${theme}-${width}`);
      });
    });
  }
}
