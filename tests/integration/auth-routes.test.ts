import { beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "@/tests/helpers/api-routes";
import { callRoute, setTempDataDir } from "@/tests/helpers/app-store";

// Every /api/v1 route, found on disk, is called without credentials: all but health,
// sign-in and the one-time setup answer 401. Then sessions, tokens and the Origin check.
setTempDataDir();

type Handler = Parameters<typeof callRoute>[0];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const PUBLIC = new Set([
  "GET /health",
  "POST /session",
  "DELETE /session",
  "GET /setup",
  "POST /setup",
  "GET /invites/[id]",
  "POST /invites/[id]/accept",
  "GET /password-resets/[id]",
  "POST /password-resets/[id]",
]);

const ORIGIN = "http://127.0.0.1:3000";

type CallOptions = NonNullable<Parameters<typeof callRoute>[2]>;
/** The status of a route's answer, for the checks that look at nothing else. */
const statusOf = async (handler: Handler, url: string, opts: CallOptions) =>
  (await callRoute(handler, url, opts)).status;

/** Runs `fn` with some environment variables set (the env is read again on both sides). */
async function withEnv(vars: Record<string, string>, fn: () => Promise<void>) {
  const { resetEnvCache } = await import("@/lib/env");
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvCache();
  try {
    await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  }
}
let cookie = "";

describe("API authentication", () => {
  beforeAll(async () => {
    const { getStore } = await import("@/lib/server/store/db");
    await getStore();
  });

  it("the one-time setup creates the first admin, signs them in, and then closes", async () => {
    const setup = await import("@/app/api/v1/setup/route");
    const needed = async () => (await callRoute(setup.GET as Handler, "/api/v1/setup", { anonymous: true })).json;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      callRoute(setup.POST as Handler, "/api/v1/setup", { anonymous: true, method: "POST", body, headers });
    expect(await needed()).toEqual({ needed: true });
    const { getDb } = await import("@/lib/server/store/db");
    const { issueSetupCode } = await import("@/lib/server/auth/setup-code");
    const setupCode = await issueSetupCode(await getDb());
    const short = await post({ email: "admin@example.com", password: "short", setupCode });
    expect(short.status).toBe(400);
    // Without the code from the server log, or with a wrong one: refused, nothing created.
    for (const body of [
      { email: "first@example.com", password: "long enough password" },
      { email: "first@example.com", password: "long enough password", setupCode: "AAAA-BBBB-CCCC" },
    ]) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.headers.get("set-cookie")).toBeNull();
    }
    expect(await needed()).toEqual({ needed: true });
    const crossSite = await post(
      { email: "evil@example.com", password: "long enough password", setupCode },
      { origin: "https://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    const created = await post({
      email: "Admin@Example.com",
      password: "the admin password 1",
      setupCode: setupCode.toLowerCase(),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email: "admin@example.com" });
    expect(created.headers.get("set-cookie")).toMatch(/^touchline_session=[^;]+;.*HttpOnly/i);
    cookie = created.headers.get("set-cookie")!.split(";")[0]!;
    expect(await needed()).toEqual({ needed: false });
    const again = await post({ email: "second@example.com", password: "another password 1", setupCode });
    expect(again.status).toBe(409);
  });

  it("every route without a session answers 401 (health, sign-in and setup excepted)", async () => {
    const routes = apiRoutes("sample-id");
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const checked: string[] = [];
    for (const { file, pattern, url, params } of routes) {
      const mod = (await import(file)) as Record<string, Handler>;
      for (const method of METHODS) {
        const handler = mod[method];
        if (!handler) continue;
        const key = `${method} ${pattern}`;
        if (PUBLIC.has(key)) continue;
        const res = await callRoute(handler, url, {
          anonymous: true,
          method,
          params,
          ...(method === "GET" || method === "DELETE" ? {} : { body: {} }),
        });
        expect.soft(res.status, `${key} without a session`).toBe(401);
        expect.soft(res.headers.get("content-type"), key).toMatch(/problem\+json/);
        checked.push(key);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        "GET /connections",
        "POST /connections",
        "PATCH /connections/[id]",
        "DELETE /connections/[id]",
        "POST /connections/[id]/sync",
        "GET /tokens",
        "POST /tokens",
        "DELETE /tokens/[id]",
        "GET /audit",
        "GET /session",
      ]),
    );
  });

  it("a forged, damaged, expired or orphaned cookie is 401; a valid one passes", async () => {
    const { GET } = await import("@/app/api/v1/connections/route");
    const { sealSession } = await import("@/lib/server/auth/session");
    const ok = await callRoute(GET as Handler, "/api/v1/connections", { headers: { cookie } });
    expect(ok.status).toBe(200);
    const value = cookie.split("=")[1]!;
    const forged = `touchline_session=AAAAAAAA${value.slice(8)}`;
    const truncated = `touchline_session=${value.slice(0, -6)}`;
    const expired = `touchline_session=${await sealSession({ sessionId: "ses_x", userId: "usr_x" }, { now: new Date(Date.now() - 31 * 86400e3) })}`;
    const unknownUser = `touchline_session=${await sealSession({ sessionId: "ses_gone", userId: "usr_gone" })}`;
    for (const c of [forged, truncated, expired, unknownUser, "touchline_session=", "touchline_session=garbage"]) {
      const res = await callRoute(GET as Handler, "/api/v1/connections", { headers: { cookie: c } });
      expect(res.status, c.slice(0, 40)).toBe(401);
    }
  });

  it("refuses cookie-authenticated writes from another origin, a null Origin or none at all (403)", async () => {
    const tokens = await import("@/app/api/v1/tokens/route");
    const token = await import("@/app/api/v1/tokens/[id]/route");
    const conn = await import("@/app/api/v1/connections/[id]/route");
    const sync = await import("@/app/api/v1/connections/[id]/sync/route");
    const c1 = { id: "c1" };
    const writes: [Handler, string, CallOptions][] = [
      [tokens.POST as Handler, "/api/v1/tokens", { method: "POST", body: { name: "x" } }],
      [conn.PATCH as Handler, "/api/v1/connections/c1", { method: "PATCH", params: c1, body: { label: "x" } }],
      [conn.DELETE as Handler, "/api/v1/connections/c1", { method: "DELETE", params: c1 }],
      [token.DELETE as Handler, "/api/v1/tokens/t1", { method: "DELETE", params: { id: "t1" } }],
      [sync.POST as Handler, "/api/v1/connections/c1/sync", { method: "POST", params: c1 }],
    ];
    const bad = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "" },
      { origin: "http://127.0.0.1:3000.evil.example" },
      { origin: "http://127.0.0.1:9999" },
    ];
    for (const headers of bad) {
      const h = { cookie, ...headers };
      for (const [handler, url, opts] of writes)
        expect(await statusOf(handler, url, { ...opts, headers: h }), `${opts.method} ${url}`).toBe(403);
    }
    // Reads are not state-changing: no Origin needed.
    expect(await statusOf(tokens.GET as Handler, "/api/v1/tokens", { headers: { cookie, origin: "" } })).toBe(200);
    const deleteConnection = (headers: Record<string, string>) =>
      statusOf(conn.DELETE as Handler, "/api/v1/connections/c1", { method: "DELETE", params: c1, headers });
    // Our own origin, also as a reverse proxy forwards it.
    expect(await deleteConnection({ cookie, origin: ORIGIN })).toBe(404);
    // Behind a reverse proxy: its X-Forwarded-Host counts only when TOUCHLINE_TRUSTED_PROXIES
    // says a proxy sets it, and the host must be TOUCHLINE_PUBLIC_URL's.
    const proxied = {
      cookie,
      origin: "https://touchline.example.com",
      "x-forwarded-host": "touchline.example.com",
      "x-forwarded-proto": "https",
    };
    const del = () => deleteConnection(proxied);
    expect(await del(), "a client-chosen X-Forwarded-Host").toBe(403);
    await withEnv(
      { TOUCHLINE_TRUSTED_PROXIES: "1", TOUCHLINE_PUBLIC_URL: "https://touchline.example.com" },
      async () => {
        expect(await del()).toBe(404);
      },
    );
    await withEnv({ TOUCHLINE_TRUSTED_PROXIES: "1" }, async () => {
      expect(await del(), "a proxied host that is not TOUCHLINE_PUBLIC_URL").toBe(421);
    });
  });

  it("API tokens: created once in clear, used as Bearer without Origin, revoked", async () => {
    const tokens = await import("@/app/api/v1/tokens/route");
    const token = await import("@/app/api/v1/tokens/[id]/route");
    const created = await callRoute(tokens.POST as Handler, "/api/v1/tokens", {
      method: "POST",
      body: { name: "nightly export" },
      headers: { cookie },
    });
    expect(created.status).toBe(201);
    const { id, token: secret } = created.json as { id: string; token: string };
    expect(secret).toMatch(/^tl_/);
    const listed = await callRoute(tokens.GET as Handler, "/api/v1/tokens", { headers: { cookie } });
    expect(listed.text).not.toContain(secret);
    expect(listed.json).toMatchObject({ data: [{ id, name: "nightly export", createdBy: "admin@example.com" }] });

    const list = (headers: Record<string, string>) => statusOf(tokens.GET as Handler, "/api/v1/tokens", { headers });
    const revoke = () =>
      statusOf(token.DELETE as Handler, `/api/v1/tokens/${id}`, {
        method: "DELETE",
        params: { id },
        headers: { cookie },
      });
    const bearer = { authorization: `Bearer ${secret}`, origin: "" };
    // No token creates tokens, whatever its scope.
    expect(
      await statusOf(tokens.POST as Handler, "/api/v1/tokens", {
        method: "POST",
        body: { name: "made by a script" },
        headers: bearer,
      }),
    ).toBe(403);
    // A bearer token from a page of another site is still just a token (no ambient credential).
    expect(await list({ ...bearer, origin: "https://evil.example" })).toBe(200);
    expect(await list({ authorization: `Bearer ${secret}x` })).toBe(401);
    expect(await list({ authorization: secret })).toBe(401);
    expect(await revoke()).toBe(204);
    expect(await list(bearer)).toBe(401);
    expect(await revoke()).toBe(404);
  });

  it("signs in and out; one answer for an unknown email and a wrong password", async () => {
    const session = await import("@/app/api/v1/session/route");
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      callRoute(session.POST as Handler, "/api/v1/session", { anonymous: true, method: "POST", body, headers });
    const unknown = await post({ email: "nobody@example.com", password: "the admin password 1" });
    const wrong = await post({ email: "admin@example.com", password: "not the password" });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.text).toBe(wrong.text);
    expect(unknown.headers.get("set-cookie")).toBeNull();
    expect(
      (await post({ email: "admin@example.com", password: "the admin password 1" }, { origin: "https://evil.example" }))
        .status,
    ).toBe(403);

    const ok = await post({ email: "ADMIN@example.com", password: "the admin password 1" });
    expect(ok.status).toBe(204);
    const sc = ok.headers.get("set-cookie")!;
    expect(sc).toMatch(/^touchline_session=/);
    expect(sc).toMatch(/HttpOnly/i);
    expect(sc).toMatch(/SameSite=lax/i);
    expect(sc).toMatch(/Path=\//i);
    expect(sc).not.toMatch(/Secure/i);
    const viaProxy = () =>
      post({ email: "admin@example.com", password: "the admin password 1" }, { "x-forwarded-proto": "https" });
    expect((await viaProxy()).headers.get("set-cookie")).not.toMatch(/Secure/i); // a client's claim
    await withEnv({ TOUCHLINE_TRUSTED_PROXIES: "1" }, async () => {
      expect((await viaProxy()).headers.get("set-cookie")).toMatch(/Secure/i);
    });

    const me = await callRoute(session.GET as Handler, "/api/v1/session", { headers: { cookie: sc.split(";")[0]! } });
    expect(me.json).toMatchObject({ email: "admin@example.com", via: "session", role: "owner" });
    const out = await callRoute(session.DELETE as Handler, "/api/v1/session", {
      method: "DELETE",
      headers: { cookie: sc.split(";")[0]! },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/touchline_session=;.*Max-Age=0/i);
  });
});
