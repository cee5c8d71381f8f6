import fs from "node:fs";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { DEMO_API_KEY as SANDBOX_CLOSE_KEY } from "../../lib/sandbox/close/simulator";
import { DEMO_API_KEY as SANDBOX_SMARTLEAD_KEY } from "../../lib/sandbox/smartlead/simulator";
import { E2E_SANDBOX_PORT, E2E_STORAGE_STATE } from "../../playwright.config";

// When vendors stop cooperating (the Close key revoked at the vendor, Smartlead answering
// 5xx), every dashboard page says which data is stale and why, keeps showing what it has,
// and offers the fix; once a sync succeeds again the notice goes away. Against the
// standalone sandbox the e2e server's *_API_URL point at (Smartlead on E2E_SANDBOX_PORT + 1,
// Close on + 2).

const SANDBOX = {
  smartlead: {
    url: `http://127.0.0.1:${E2E_SANDBOX_PORT + 1}/api/v1`,
    key: SANDBOX_SMARTLEAD_KEY,
    label: "Smartlead — e2e stale data",
  },
  close: {
    url: `http://127.0.0.1:${E2E_SANDBOX_PORT + 2}/api/v1`,
    key: SANDBOX_CLOSE_KEY,
    label: "Close — e2e stale data",
  },
} as const;
type SandboxVendor = keyof typeof SANDBOX;
const SHOTS = "test-results/screenshots";

type ApiConnection = { id: string; label: string; status: string; lastSyncAt: string | null; sync: { state: string } };

/** Sets or (null) clears a sandbox vendor's injected faults. */
async function faults(vendor: SandboxVendor, body: object | null): Promise<void> {
  const res = await fetch(`${SANDBOX[vendor].url}/__sandbox/faults`, {
    method: body ? "POST" : "DELETE",
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.ok).toBe(true);
}

async function connection(api: APIRequestContext, id: string): Promise<ApiConnection | undefined> {
  const { data } = (await (await api.get("/api/v1/connections")).json()) as { data: ApiConnection[] };
  return data.find((c) => c.id === id);
}

const banner = (page: Page): Locator => page.getByRole("status", { name: "Data freshness" });

test.describe.configure({ mode: "serial" });

const created: Partial<Record<SandboxVendor, string>> = {};

test.afterAll(async ({ playwright, baseURL }) => {
  // Leave the shared sandbox and workspace as the other specs expect them.
  for (const vendor of Object.keys(SANDBOX) as SandboxVendor[]) await faults(vendor, null);
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL! },
    storageState: E2E_STORAGE_STATE,
  });
  for (const id of Object.values(created)) await api.delete(`/api/v1/connections/${encodeURIComponent(id)}`);
  await api.dispose();
});

test("failing vendors: every page says the data is stale and why, keeps its data, and the notice leaves after a good sync", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  // Cookie-authenticated calls that change state need this app's Origin (CSRF check).
  const origin = { origin: baseURL! };
  // The notice renders on the server and again in the browser: the two must agree.
  const renderErrors: string[] = [];
  page.on("pageerror", (e) => renderErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#418|#423|#425/i.test(m.text())) renderErrors.push(m.text());
  });
  const shoot = async (name: string) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      if (scheme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
      await banner(page).screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
    }
    await page.emulateMedia({ colorScheme: "light" });
  };
  const sync = async (id: string) =>
    expect(
      (await page.request.post(`/api/v1/connections/${encodeURIComponent(id)}/sync`, { headers: origin })).status(),
    ).toBe(202);

  // A Close and a Smartlead connection with keys the sandbox accepts; their first syncs succeed.
  await page.goto("/");
  for (const vendor of Object.keys(SANDBOX) as SandboxVendor[]) {
    await faults(vendor, null);
    const res = await page.request.post("/api/v1/connections", {
      data: { vendor, label: SANDBOX[vendor].label, apiKey: SANDBOX[vendor].key },
      headers: origin,
    });
    expect(res.status(), await res.text()).toBe(201);
    created[vendor] = ((await res.json()) as ApiConnection).id;
  }
  const close = created.close!;
  const smartlead = created.smartlead!;
  for (const id of [close, smartlead]) {
    await expect
      .poll(async () => (await connection(page.request, id))?.sync.state, { timeout: 150_000, intervals: [1000] })
      .toBe("succeeded");
  }
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(banner(page)).not.toContainText(SANDBOX.close.label);

  // Close revokes the key; the next sync fails on its 401.
  await faults("close", { revokeKey: true });
  await sync(close);
  await expect
    .poll(async () => (await connection(page.request, close))?.status, { timeout: 60_000, intervals: [500] })
    .toBe("key_rejected");

  // Overview: the notice says what is stale, since when, and why — in words, without the key.
  await page.goto("/");
  const notice = banner(page);
  await expect(notice).toContainText(`${SANDBOX.close.label} data is stale — last synced`);
  await expect(notice).toContainText("The last sync failed: Close rejected the API key (401).");
  await expect(notice).toContainText("Paste a new key in Settings");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByLabel("Sync health")).toContainText(SANDBOX.close.label);

  // Its actions are reachable from the keyboard: the link to the fix, then the retry.
  const fix = notice.getByRole("link", { name: `Fix in Settings (${SANDBOX.close.label})` });
  await expect(fix).toHaveAttribute("href", `/settings#conn-${encodeURIComponent(close)}`);
  await fix.focus();
  await expect(fix).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(notice.getByRole("button", { name: `Retry sync (${SANDBOX.close.label})` })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await shoot("stale-data");
  await page.screenshot({ path: `${SHOTS}/stale-data-overview.png` });

  // Smartlead answers 5xx to everything: its sync fails after the client's retries.
  await faults("smartlead", { status5xx: 100_000, errorStatus: 503 });
  await sync(smartlead);
  await expect
    .poll(async () => (await connection(page.request, smartlead))?.status, { timeout: 90_000, intervals: [1000] })
    .toBe("unreachable");

  // Several: one compact notice, one line each.
  await page.goto("/contacts");
  await expect(notice).toContainText("Data from 2 connections is stale");
  // Only the stale list: a connection still reading its history back has its own list below.
  await expect(notice.getByRole("list", { name: "Stale connections" }).getByRole("listitem")).toHaveCount(2);
  await expect(notice.getByRole("listitem").filter({ hasText: SANDBOX.smartlead.label })).toContainText(
    /The last sync failed: Smartlead answered with server errors \(HTTP 503\)\. Touchline will retry at the next scheduled sync \((within a minute|in about \d+ min)\), or retry now\./,
  );
  await expect(notice.getByRole("listitem").filter({ hasText: SANDBOX.close.label })).toContainText(
    "Close rejected the API key (401).",
  );
  await shoot("stale-data-several");

  // Every dashboard page shows the notice above the data it still has.
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toBeVisible();

  const contacts = (await (await page.request.get("/api/v1/contacts?vendor=close&limit=1")).json()) as {
    data: { id: string }[];
  };
  expect(contacts.data.length).toBe(1);
  await page.goto(`/contacts/${encodeURIComponent(contacts.data[0]!.id)}`);
  await expect(notice).toContainText(`${SANDBOX.close.label} data is stale`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search this timeline" })).toBeVisible();

  await page.goto("/tasks");
  await expect(notice).toContainText(`${SANDBOX.close.label} data is stale`);
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Due date" })).toBeVisible();

  await page.goto("/campaigns");
  await expect(notice).toContainText(`${SANDBOX.smartlead.label} data is stale`);
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();

  // No page carried a key.
  for (const { key } of Object.values(SANDBOX)) expect(await page.content()).not.toContain(key);

  // Settings has the details on each card: no banner there.
  await page.goto("/settings");
  await expect(page.getByRole("article", { name: SANDBOX.close.label })).toContainText("rejected the key");
  await expect(notice).not.toContainText(SANDBOX.close.label);

  // The vendors recover; Retry sync from the notice, whose entries leave once their syncs succeed.
  for (const vendor of Object.keys(SANDBOX) as SandboxVendor[]) await faults(vendor, null);
  await page.goto("/campaigns");
  for (const vendor of Object.keys(SANDBOX) as SandboxVendor[]) {
    await notice.getByRole("button", { name: `Retry sync (${SANDBOX[vendor].label})` }).click();
    await expect(notice).not.toContainText(SANDBOX[vendor].label, { timeout: 150_000 });
  }
  for (const id of [close, smartlead]) {
    const healed = await connection(page.request, id);
    expect(healed?.status).toBe("ok");
    expect(healed?.sync.state).toBe("succeeded");
  }
  await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
  expect(renderErrors).toEqual([]);
});
