import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callRoute, sessionCookieFor, setTempDataDir } from "@/tests/helpers/app-store";
import { accept, cookieOf, db, invite, loadTeamRoutes, owner, PASSWORD, r } from "./team-routes-harness";

// The team through its routes: invitations (one use, expiry), roles, deactivation that
// ends sessions at once, sessions and "sign out everywhere", password change and reset
// links, ownership, linked vendor users and assignee=me — and the audit log naming the actor.
setTempDataDir();

describe("the team", () => {
  loadTeamRoutes();

  it("an invitation is looked up without a session, works once, and signs the new member in", async () => {
    const token = await invite("member");
    const info = await callRoute(r.invite!.GET!, `/api/v1/invites/${token}`, {
      anonymous: true,
      params: { id: token },
    });
    expect(info.json).toMatchObject({ role: "member" });
    const ok = await accept(token, "Camille@Team.test");
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ email: "camille@team.test", role: "member" });
    const me = await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie: cookieOf(ok.headers) } });
    expect(me.json).toMatchObject({ email: "camille@team.test", role: "member", identities: [] });
    expect((await accept(token, "second@team.test")).status).toBe(404);
    expect(
      (await callRoute(r.invite!.GET!, `/api/v1/invites/${token}`, { anonymous: true, params: { id: token } })).status,
    ).toBe(404);
    // An expired invitation does not work either.
    const old = await invite("viewer");
    await db.execute(
      sql`update one_time_links set expires_at = now() - interval '1 second' where kind = 'invite' and used_at is null`,
    );
    expect((await accept(old, "late@team.test")).status).toBe(404);
  });

  it("deactivating a user ends their sessions at once; an admin cannot touch the owner", async () => {
    const token = await invite("member");
    const joined = await accept(token, "jordan@team.test");
    const cookie = cookieOf(joined.headers);
    const { id } = joined.json as { id: string };
    expect((await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie } })).status).toBe(200);
    const off = await callRoute(r.user!.PATCH!, `/api/v1/users/${id}`, {
      method: "PATCH",
      params: { id },
      body: { active: false },
      headers: { cookie: owner },
    });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ active: false });
    expect((await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie } })).status).toBe(401);
    const admin = await sessionCookieFor("admin");
    const ownerId = "usr_route_tests";
    const touch = await callRoute(r.user!.PATCH!, `/api/v1/users/${ownerId}`, {
      method: "PATCH",
      params: { id: ownerId },
      body: { role: "viewer" },
      headers: { cookie: admin },
    });
    expect(touch.status).toBe(403);
    const promote = await callRoute(r.user!.PATCH!, `/api/v1/users/${id}`, {
      method: "PATCH",
      params: { id },
      body: { role: "owner" },
      headers: { cookie: admin },
    });
    expect(promote.status).toBe(400);
    const list = await callRoute(r.users!.GET!, "/api/v1/users", { headers: { cookie: admin } });
    expect((list.json as { data: { email: string; active: boolean }[] }).data).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: "jordan@team.test", active: false })]),
    );
  });

  it("lists sessions; 'sign out everywhere' ends the others and keeps this one; a password change too", async () => {
    const { signIn } = await import("@/lib/server/auth/login");
    const session = r.session!;
    const signInAs = async () =>
      cookieOf(
        (
          await callRoute(session.POST!, "/api/v1/session", {
            anonymous: true,
            method: "POST",
            body: { email: "camille@team.test", password: PASSWORD },
            headers: { "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/130.0 Safari/537.36" },
          })
        ).headers,
      );
    expect(signIn).toBeTypeOf("function");
    const a = await signInAs();
    const b = await signInAs();
    const listed = await callRoute(r.sessions!.GET!, "/api/v1/sessions", { headers: { cookie: a } });
    const data = (listed.json as { data: { id: string; current: boolean; browser: string; ip: string }[] }).data;
    expect(data.length).toBeGreaterThanOrEqual(3);
    expect(data.filter((s) => s.current)).toHaveLength(1);
    expect(data.find((s) => s.current)).toMatchObject({ browser: "Chrome on macOS", ip: "127.0.0.1" });
    // One session signed out from another.
    const other = data.find((s) => !s.current)!;
    expect(
      (
        await callRoute(r.sessionOne!.DELETE!, `/api/v1/sessions/${other.id}`, {
          method: "DELETE",
          params: { id: other.id },
          headers: { cookie: a },
        })
      ).status,
    ).toBe(204);
    // Everywhere else.
    expect(
      (await callRoute(r.sessions!.DELETE!, "/api/v1/sessions", { method: "DELETE", headers: { cookie: a } })).status,
    ).toBe(204);
    expect((await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie: b } })).status).toBe(401);
    expect((await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie: a } })).status).toBe(200);
    // Password change: needs the current password; ends the other sessions.
    const c = await signInAs();
    const wrong = await callRoute(r.password!.POST!, "/api/v1/me/password", {
      method: "POST",
      body: { currentPassword: "not it at all", newPassword: "a brand new password" },
      headers: { cookie: a },
    });
    expect(wrong.status).toBe(403);
    const changed = await callRoute(r.password!.POST!, "/api/v1/me/password", {
      method: "POST",
      body: { currentPassword: PASSWORD, newPassword: "a brand new password" },
      headers: { cookie: a },
    });
    expect(changed.status).toBe(204);
    expect((await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie: c } })).status).toBe(401);
    expect((await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie: a } })).status).toBe(200);
  });

  it("an admin hands a member a one-time password-reset link; using it ends their sessions", async () => {
    const users = (await callRoute(r.users!.GET!, "/api/v1/users", { headers: { cookie: owner } })).json as {
      data: { id: string; email: string }[];
    };
    const camille = users.data.find((u) => u.email === "camille@team.test")!;
    const member = await sessionCookieFor("member");
    expect(
      (
        await callRoute(r.reset!.POST!, `/api/v1/users/${camille.id}/password-reset`, {
          method: "POST",
          params: { id: camille.id },
          headers: { cookie: member },
        })
      ).status,
    ).toBe(403);
    const made = await callRoute(r.reset!.POST!, `/api/v1/users/${camille.id}/password-reset`, {
      method: "POST",
      params: { id: camille.id },
      headers: { cookie: owner },
    });
    expect(made.status).toBe(201);
    const token = (made.json as { url: string }).url.split("/").pop()!;
    expect(
      (await callRoute(r.resets!.GET!, `/api/v1/password-resets/${token}`, { anonymous: true, params: { id: token } }))
        .json,
    ).toMatchObject({ email: "camille@team.test" });
    const use = () =>
      callRoute(r.resets!.POST!, `/api/v1/password-resets/${token}`, {
        anonymous: true,
        method: "POST",
        params: { id: token },
        body: { password: "reset password long 1" },
      });
    const used = await use();
    expect(used.status).toBe(204);
    expect(
      (await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie: cookieOf(used.headers) } })).json,
    ).toMatchObject({ email: "camille@team.test" });
    expect((await use()).status).toBe(404);
  });

  it("links vendor users ('me'), and assignee=me answers their tasks only; names replace ids", async () => {
    const t = await import("@/lib/server/store/schema");
    await db.insert(t.connections).values([
      { id: "conn_l", vendor: "lemlist", label: "l", keyCiphertext: "x", keyHint: "••••" },
      { id: "conn_x", vendor: "leadlex", label: "x", keyCiphertext: "x", keyHint: "••••" },
    ]);
    const task = (id: string, vendor: string, conn: string, assignee: { id: string; name: string | null }) => ({
      id,
      connectionId: conn,
      vendor,
      vendorType: "manual",
      type: "manual",
      title: id,
      status: "open",
      assignee,
    });
    await db
      .insert(t.tasks)
      .values([
        task("t1", "lemlist", "conn_l", { id: "usr_cam", name: null }),
        task("t2", "lemlist", "conn_l", { id: "usr_other", name: null }),
        task("t3", "leadlex", "conn_x", { id: "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d", name: null }),
      ]);
    await db.insert(t.activities).values({
      id: "a1",
      connectionId: "conn_l",
      vendor: "lemlist",
      vendorType: "manualDone",
      kind: "task_done",
      channel: "other",
      occurredAt: new Date().toISOString(),
      raw: { userId: "usr_cam", userName: "Camille Laurent" },
      actor: { id: "usr_cam", name: "Camille Laurent" },
    });
    const { refreshDirectory } = await import("@/lib/server/identities/directory");
    await refreshDirectory(db, { listings: false });
    const cam = cookieOf(
      (
        await callRoute(r.session!.POST!, "/api/v1/session", {
          anonymous: true,
          method: "POST",
          body: { email: "camille@team.test", password: "reset password long 1" },
        })
      ).headers,
    );
    const suggested = (
      await callRoute(r.suggestions!.GET!, "/api/v1/me/identity-suggestions", { headers: { cookie: cam } })
    ).json as { data: { vendorUserId: string; match: string }[] };
    expect(suggested.data).toEqual([expect.objectContaining({ vendorUserId: "usr_cam", match: "name" })]);
    const options = (await callRoute(r.options!.GET!, "/api/v1/me/identity-options", { headers: { cookie: cam } }))
      .json as { data: { vendor: string; vendorUserId: string }[] };
    expect(options.data.map((o) => `${o.vendor}:${o.vendorUserId}`)).toEqual(
      expect.arrayContaining(["lemlist:usr_cam", "lemlist:usr_other", "leadlex:9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d"]),
    );
    const mine = () => callRoute(r.tasks!.GET!, "/api/v1/tasks?assignee=me&status=all", { headers: { cookie: cam } });
    expect((await mine()).json).toMatchObject({ total: 0 }); // nothing linked yet: nothing is "mine"
    const put = await callRoute(r.identities!.PUT!, "/api/v1/me/identities", {
      method: "PUT",
      body: {
        identities: [
          { vendor: "lemlist", vendorUserId: "usr_cam" },
          { vendor: "leadlex", vendorUserId: "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d" },
        ],
      },
      headers: { cookie: cam },
    });
    expect(put.status).toBe(200);
    const page = (await mine()).json as { total: number; data: { id: string; assignee: { name: string | null } }[] };
    expect(page.data.map((x) => x.id).sort()).toEqual(["t1", "t3"]);
    // lemlist's name from its activities; Leadlex (ids only) from the linked Touchline user.
    expect(Object.fromEntries(page.data.map((x) => [x.id, x.assignee.name]))).toEqual({
      t1: "Camille Laurent",
      t3: "Camille Laurent",
    });
    // A vendor user belongs to one Touchline user.
    const taken = await callRoute(r.identities!.PUT!, "/api/v1/me/identities", {
      method: "PUT",
      body: { identities: [{ vendor: "lemlist", vendorUserId: "usr_cam" }] },
      headers: { cookie: owner },
    });
    expect(taken.status).toBe(409);
  });

  it("ownership moves to another user; the audit log names the actor of every change", async () => {
    const admin = await sessionCookieFor("admin");
    const transferToAdmin = async (cookie: string) =>
      (
        await callRoute(r.ownership!.POST!, "/api/v1/ownership", {
          method: "POST",
          body: { userId: "usr_route_admin" },
          headers: { cookie },
        })
      ).status;
    const me = async (cookie: string) => (await callRoute(r.me!.GET!, "/api/v1/me", { headers: { cookie } })).json;
    expect(await transferToAdmin(admin)).toBe(403);
    expect(await transferToAdmin(owner)).toBe(204);
    expect(await me(admin)).toMatchObject({ role: "owner" });
    expect(await me(owner)).toMatchObject({ role: "admin" });
    const audit = (await callRoute(r.audit!.GET!, "/api/v1/audit?limit=200", { headers: { cookie: admin } })).json as {
      data: { event: string; actor: string | null }[];
    };
    const by = (event: string) => audit.data.filter((e) => e.event === event).map((e) => e.actor);
    expect(by("user_invited")).toContain("route-tests@touchline.test");
    expect(by("user_deactivated")).toEqual(["route-tests@touchline.test"]);
    expect(by("invite_accepted")).toEqual(expect.arrayContaining(["camille@team.test", "jordan@team.test"]));
    expect(by("password_reset_created")).toEqual(["route-tests@touchline.test"]);
    expect(by("ownership_transferred")).toEqual(["route-tests@touchline.test"]);
    expect(by("identities_linked")).toContain("camille@team.test");
    expect(by("sessions_ended").length).toBeGreaterThanOrEqual(2);
    for (const e of audit.data.filter(
      (x) => !["sign_in_failed", "sign_in_throttled", "setup_refused"].includes(x.event),
    ))
      expect.soft(e.actor, e.event).toBeTruthy();
  });
});
