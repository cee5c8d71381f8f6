import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";

// Sign-in, sign-out, the one-time setup page, and the security headers — in Chromium.

const anonymous = { cookies: [], origins: [] };

test.describe("signed out", () => {
  test.use({ storageState: anonymous });

  test("a page without a session goes to sign-in, and back after signing in", async ({ page }) => {
    const csp: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) csp.push(m.text());
    });
    await page.goto("/contacts?q=ada");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcontacts%3Fq%3Dada$/);
    await expect(page.getByRole("heading", { name: "Sign in to Touchline" })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Demo workspace" })).toContainText("TOUCHLINE_ADMIN_EMAIL");
    await page.screenshot({ path: "test-results/screenshots/sign-in.png", fullPage: true });

    // A wrong password: said plainly, the password field is cleared and focused.
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toHaveText(
      "That email and password do not match an account.",
    );
    await expect(page.getByLabel("Password")).toBeFocused();
    await expect(page.getByLabel("Password")).toHaveValue("");
    await page.screenshot({ path: "test-results/screenshots/sign-in-error.png", fullPage: true });

    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/contacts\?q=ada$/);
    await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
    expect(csp, "no CSP violations on our own pages").toEqual([]);

    // The session cookie is HttpOnly and SameSite=Lax.
    const cookie = (await page.context().cookies()).find((c) => c.name === "touchline_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("touchline_session");

    // Sign out from the account menu: back to sign-in, and pages are closed again.
    await page.getByRole("button", { name: /^Account/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
  });

  test("the API answers 401 without a session, and a forged cookie changes nothing", async ({
    request,
    context,
    baseURL,
  }) => {
    expect((await request.get("/api/v1/contacts")).status()).toBe(401);
    expect((await request.get("/api/v1/health")).status()).toBe(200);
    await context.addCookies([
      {
        name: "touchline_session",
        value: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged",
        url: baseURL!,
      },
    ]);
    expect((await context.request.get("/api/v1/connections")).status()).toBe(401);
  });

  test("setup is closed once an admin exists", async ({ page }) => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("signed in", () => {
  test("pages carry a nonce CSP, frame-ancestors 'none', nosniff and a referrer policy", async ({ page }) => {
    const res = await page.goto("/settings");
    const h = res!.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // The page's scripts run under that policy (the app is interactive).
    await page.getByRole("button", { name: "Toggle theme" }).click();
    await expect(page.locator("html")).toHaveClass(/dark|light/);
  });

  test("a cookie-authenticated write from another origin is refused", async ({ page, baseURL }) => {
    await page.goto("/settings");
    const evil = await page.request.post("/api/v1/tokens", {
      data: { name: "csrf" },
      headers: { origin: "https://evil.example" },
    });
    expect(evil.status()).toBe(403);
    const nullOrigin = await page.request.post("/api/v1/tokens", {
      data: { name: "csrf" },
      headers: { origin: "null" },
    });
    expect(nullOrigin.status()).toBe(403);
    const del = await page.request.delete("/api/v1/connections/anything", {
      headers: { origin: "https://evil.example" },
    });
    expect(del.status()).toBe(403);
    // A real form on another site posting to us: the browser sends its Origin.
    const other = await page.context().newPage();
    await other.route("https://evil.example/", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form method="post" action="${baseURL}/api/v1/tokens" enctype="text/plain"><input name='{"name":"x","p":"' value='"}'></form><script>document.forms[0].submit()</script>`,
      }),
    );
    const answer = other.waitForResponse((r) => r.url().endsWith("/api/v1/tokens"));
    await other.goto("https://evil.example/");
    // SameSite=Lax keeps the cookie off a cross-site POST; without it the Origin check refuses.
    expect([401, 403]).toContain((await answer).status());
    await other.close();
    const tokens = (await (await page.request.get("/api/v1/tokens")).json()) as { data: { name: string }[] };
    expect(tokens.data.map((t) => t.name)).not.toContain("x");
  });
});

test.describe("first start without an admin", () => {
  test.use({ storageState: anonymous });
  const port = 30_000 + (Number(process.env.E2E_PORT ?? 3199) % 1000);
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let dataDir = "";
  let setupCode = "";

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-e2e-setup-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      TOUCHLINE_DATA_DIR: dataDir,
      TOUCHLINE_DEMO: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete env.TOUCHLINE_ADMIN_EMAIL;
    delete env.TOUCHLINE_ADMIN_PASSWORD;
    server = spawn("node", ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    // The one-time setup code is printed in the server's log; whoever runs the server reads it there.
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        const m = /"setupCode":"([A-Z0-9-]+)"/.exec(line);
        if (m) setupCode = m[1]!;
      }
    };
    server.stdout!.on("data", collect);
    server.stderr!.on("data", collect);
    for (let i = 0; i < 150; i++) {
      if (
        await fetch(`${base}/api/v1/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error("the setup server did not start");
  });
  test.afterAll(async () => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("the one-time setup page creates the first admin and signs them in", async ({ page }) => {
    await page.goto(`${base}/`);
    await expect(page).toHaveURL(`${base}/setup`);
    await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
    // Without the code from the server log, setup is refused.
    await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC");
    await page.getByLabel("Email").fill("first@team.example");
    await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
    await page.getByLabel("Repeat the password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page.getByText("That is not the setup code in the server log.")).toBeVisible();
    expect(setupCode, "the server printed a setup code").toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.getByLabel("Setup code").fill(setupCode);
    await page.getByLabel("Email").fill("first@team.example");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
    await page.getByLabel("Repeat the password").fill("a long enough passphrase!");
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page.getByText("The two passwords differ.")).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/setup.png", fullPage: true });
    await page.getByLabel("Repeat the password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Account: first@team.example" })).toBeVisible();
    // Closed for good.
    expect(
      (
        await fetch(`${base}/api/v1/setup`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: base },
          body: JSON.stringify({ email: "second@team.example", password: "another long password", setupCode }),
        })
      ).status,
    ).toBe(409);
    await page.goto(`${base}/setup`);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  });
});
