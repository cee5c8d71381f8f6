import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/model/plain/roles";
import { apiRoutes } from "@/tests/helpers/api-routes";
import { callRoute, sessionCookieFor, setTempDataDir } from "@/tests/helpers/app-store";

// Every /api/v1 route on disk has an access rule, and it is the one in this table; each
// role is then tried against each route: a role below the rule gets 403, one at or above
// it never does. A new route without a rule here fails this test.
setTempDataDir();

type Rule = "public" | Role;
/** `METHOD /path` → the least role (or public); `+write`/`+session`: the token scope it needs beyond the default. */
const RULES: Record<string, Rule | `${Role}+write` | `${Role}+session`> = {
  "GET /health": "public",
  "POST /session": "public",
  "DELETE /session": "public",
  "GET /session": "viewer",
  "GET /setup": "public",
  "POST /setup": "public",
  "GET /me": "viewer",
  "PUT /me/identities": "viewer+session",
  "GET /me/identity-suggestions": "viewer",
  "GET /me/identity-options": "viewer",
  "POST /me/password": "viewer+session",
  "GET /sessions": "viewer",
  "DELETE /sessions": "viewer+session",
  "DELETE /sessions/[id]": "viewer+session",
  "GET /users": "admin",
  "PATCH /users/[id]": "admin",
  "DELETE /users/[id]": "admin",
  "POST /users/[id]/password-reset": "admin+session",
  "POST /ownership": "owner+session",
  "GET /invites": "admin",
  "POST /invites": "admin+session",
  "GET /invites/[id]": "public",
  "DELETE /invites/[id]": "admin",
  "POST /invites/[id]/accept": "public",
  "GET /password-resets/[id]": "public",
  "POST /password-resets/[id]": "public",
  "GET /tokens": "viewer",
  "POST /tokens": "viewer+session",
  "DELETE /tokens/[id]": "viewer+session",
  "GET /audit": "admin",
  "GET /connections": "viewer",
  "POST /connections": "admin",
  "GET /connections/[id]": "viewer",
  "PATCH /connections/[id]": "admin",
  "DELETE /connections/[id]": "admin",
  "GET /connections/[id]/sync": "viewer",
  "POST /connections/[id]/sync": "member+write",
  "GET /connections/[id]/prune": "admin",
  "POST /connections/[id]/prune": "admin",
  "GET /contacts": "viewer",
  "GET /contacts/[id]": "viewer",
  "POST /contacts/[id]/refresh": "member+write",
  "GET /contacts/[id]/timeline": "viewer",
  "GET /contacts/[id]/timeline/facets": "viewer",
  "GET /tasks": "viewer",
  "GET /tasks/facets": "viewer",
  "GET /tasks/capabilities": "viewer",
  "PATCH /tasks/[id]": "member+write",
  "POST /tasks/bulk": "member+write",
  "GET /tasks/bulk/[job]": "member",
  "GET /tasks.csv": "viewer",
  "GET /campaigns": "viewer",
  "GET /campaigns/[id]/engagement": "viewer",
  "GET /campaigns/compare": "viewer",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ORDER: Role[] = ["viewer", "member", "admin", "owner"];
type Handler = Parameters<typeof callRoute>[0] & { access?: unknown };

async function handlers() {
  const out: { key: string; handler: Handler; url: string; params: Record<string, string>; method: string }[] = [];
  for (const { file, pattern, url, params } of apiRoutes("sample-id-000000")) {
    const mod = (await import(file)) as Record<string, Handler>;
    for (const method of METHODS)
      if (mod[method]) out.push({ key: `${method} ${pattern}`, handler: mod[method], url, params, method });
  }
  return out;
}

const expected = (rule: string) => {
  const [role, scope] = rule.split("+") as [Rule, string | undefined];
  return { role, scope };
};

describe("every route declares who may call it", () => {
  let all: Awaited<ReturnType<typeof handlers>>;
  beforeAll(async () => {
    const { getStore } = await import("@/lib/server/store/db");
    await getStore();
    all = await handlers();
  });

  it("each route on disk has a rule in this table, and declares the same one", () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const { key, handler, method } of all) {
      expect.soft(RULES[key], `${key} has no rule in RULES`).toBeDefined();
      const access = handler.access as "public" | { role: Role; token?: string } | undefined;
      expect.soft(access, `${key} declares no access rule`).toBeDefined();
      if (!RULES[key] || !access) continue;
      const { role, scope } = expected(RULES[key]);
      if (role === "public") expect.soft(access, key).toBe("public");
      else {
        expect.soft(access !== "public" && access.role, key).toBe(role);
        const token = access !== "public" ? (access.token ?? (method === "GET" ? "read" : "admin")) : null;
        expect
          .soft(token, `${key} token scope`)
          .toBe(scope === "write" ? "write" : scope === "session" ? "never" : method === "GET" ? "read" : "admin");
      }
    }
    expect(Object.keys(RULES).sort()).toEqual(all.map((h) => h.key).sort());
  });

  it("a role below a route's rule gets 403; one at or above it never does", async () => {
    const cookies = Object.fromEntries(
      await Promise.all(ORDER.map(async (r) => [r, await sessionCookieFor(r)] as const)),
    );
    const tried: string[] = [];
    for (const { key, handler, url, params, method } of all) {
      const { role } = expected(RULES[key] ?? "owner");
      if (role === "public") continue;
      // Calls that would end the caller's own sessions or change the team run last, below.
      if (key === "DELETE /sessions" || key === "POST /me/password") continue;
      for (const caller of ORDER) {
        const res = await callRoute(handler, url, {
          method,
          params,
          headers: { cookie: cookies[caller]! },
          ...(method === "GET" || method === "DELETE" ? {} : { body: {} }),
        });
        const allowed = ORDER.indexOf(caller) >= ORDER.indexOf(role);
        if (allowed) expect.soft(res.status, `${key} as ${caller}: ${res.text.slice(0, 120)}`).not.toBe(403);
        else expect.soft(res.status, `${key} as ${caller}`).toBe(403);
        expect.soft(res.status, `${key} as ${caller}`).not.toBe(401);
        tried.push(`${key} ${caller}`);
      }
    }
    expect(tried.length).toBeGreaterThan(100);
  });

  it("tokens: read only GETs, write also syncs, admin does what its creator's role allows; none creates a token", async () => {
    const { getDb } = await import("@/lib/server/store/db");
    const { createToken } = await import("@/lib/server/auth/tokens");
    const db = await getDb();
    await sessionCookieFor("member");
    const token = async (role: "member" | "admin", scope: "read" | "write" | "admin") =>
      `Bearer ${(await createToken(db, { id: role === "member" ? "usr_route_member" : "usr_route_admin", email: role }, scope, { scope })).token}`;
    await sessionCookieFor("admin");
    const conns = await import("@/app/api/v1/connections/route");
    const sync = await import("@/app/api/v1/connections/[id]/sync/route");
    const tokens = await import("@/app/api/v1/tokens/route");
    const users = await import("@/app/api/v1/users/route");
    const as = (authorization: string) => ({ headers: { authorization, origin: "" } });
    const read = await token("member", "read");
    const write = await token("member", "write");
    const memberAdmin = await token("member", "admin");
    const adminAdmin = await token("admin", "admin");
    expect((await callRoute(conns.GET as Handler, "/api/v1/connections", as(read))).status).toBe(200);
    const syncCall = (auth: string) =>
      callRoute(sync.POST as Handler, "/api/v1/connections/c1/sync", {
        method: "POST",
        params: { id: "c1" },
        ...as(auth),
      });
    expect((await syncCall(read)).status).toBe(403);
    expect((await syncCall(write)).status).toBe(404); // allowed; there is no such connection
    const addConn = (auth: string) =>
      callRoute(conns.POST as Handler, "/api/v1/connections", {
        method: "POST",
        body: { vendor: "lemlist", apiKey: "k".repeat(20) },
        ...as(auth),
      });
    expect((await addConn(write)).status).toBe(403);
    expect((await addConn(memberAdmin)).status, "an admin-scope token of a member is still a member").toBe(403);
    expect((await callRoute(users.GET as Handler, "/api/v1/users", as(adminAdmin))).status).toBe(200);
    expect((await callRoute(users.GET as Handler, "/api/v1/users", as(memberAdmin))).status).toBe(403);
    for (const auth of [read, write, memberAdmin, adminAdmin])
      expect(
        (
          await callRoute(tokens.POST as Handler, "/api/v1/tokens", {
            method: "POST",
            body: { name: "minted" },
            ...as(auth),
          })
        ).status,
      ).toBe(403);
  });
});
