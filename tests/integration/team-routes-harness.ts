import { beforeAll, expect } from "vitest";
import { callRoute, sessionCookieFor } from "@/tests/helpers/app-store";

// What team-routes.test.ts stands on: the team's route modules, the owner's session and the
// store, loaded once per file (`owner`, `db` and `r` are live bindings, set once
// `loadTeamRoutes()`'s beforeAll has run), and the invite-and-accept steps its story repeats.

type Handler = Parameters<typeof callRoute>[0];
export const cookieOf = (h: Headers) => h.get("set-cookie")?.split(";")[0] ?? "";
export const PASSWORD = "member-password-long-1";

export let owner = "";
export let db: Awaited<ReturnType<typeof import("@/lib/server/store/db").getDb>>;
export const r = {} as Record<string, Record<string, Handler>>;

/** Loads the routes, the store and the owner's session before the calling suite's tests. */
export function loadTeamRoutes() {
  beforeAll(async () => {
    const { getDb } = await import("@/lib/server/store/db");
    db = await getDb();
    owner = await sessionCookieFor("owner");
    for (const [k, p] of Object.entries({
      invites: "invites/route",
      invite: "invites/[id]/route",
      accept: "invites/[id]/accept/route",
      users: "users/route",
      user: "users/[id]/route",
      reset: "users/[id]/password-reset/route",
      resets: "password-resets/[id]/route",
      me: "me/route",
      identities: "me/identities/route",
      options: "me/identity-options/route",
      suggestions: "me/identity-suggestions/route",
      password: "me/password/route",
      sessions: "sessions/route",
      sessionOne: "sessions/[id]/route",
      session: "session/route",
      ownership: "ownership/route",
      tasks: "tasks/route",
      audit: "audit/route",
    }))
      r[k] = (await import(`@/app/api/v1/${p}`)) as Record<string, Handler>;
  });
}

export const invite = async (role: string) => {
  const res = await callRoute(r.invites!.POST!, "/api/v1/invites", {
    method: "POST",
    body: { role },
    headers: { cookie: owner },
  });
  expect(res.status).toBe(201);
  const { url, expiresAt } = res.json as { url: string; expiresAt: string };
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invite\/[\w-]{43}$/);
  expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86400e3);
  return url.split("/").pop()!;
};
export const accept = (token: string, email: string) =>
  callRoute(r.accept!.POST!, `/api/v1/invites/${token}/accept`, {
    anonymous: true,
    method: "POST",
    params: { id: token },
    body: { email, name: "Camille Laurent", password: PASSWORD },
  });
