import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { blockStore, STORE_KINDS, freshStore } from "@/tests/helpers/stores";
import { AppError } from "../http/errors";
import * as t from "../store/schema";
import { BAD_CREDENTIALS, signIn } from "./login";
import { LIMITS, purgeEndedWindows } from "./throttle";
import { createToken, hashToken, listTokens, revokeToken, userForToken } from "./tokens";
import { createFirstAdmin, hasUsers } from "./users";

const PASSWORD = "a long enough password 1";

async function outcome(p: Promise<unknown>): Promise<number> {
  return p.then(
    () => 204,
    (e: unknown) => (e instanceof AppError ? e.status : 500),
  );
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Moves every throttling window of `key` 20 minutes into the past (the back-off is over). */
const expireWindow = (db: Awaited<ReturnType<typeof freshStore>>["db"], key: string) =>
  db.execute(sql`update login_attempts set first_failure_at = now() - interval '20 minutes' where key = ${key}`);

describe.each(STORE_KINDS)("sign-in, throttling and tokens on %s", (kind) => {
  const store = blockStore(kind);

  it("creates the first admin — the owner — once, even when two try at the same time", async () => {
    expect(await hasUsers(store.db)).toBe(false);
    const [a, b] = await Promise.all([
      createFirstAdmin(store.db, " Admin@Example.com ", PASSWORD),
      createFirstAdmin(store.db, "other@example.com", PASSWORD),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const users = await store.db.select().from(t.users);
    expect(users).toHaveLength(1);
    expect(users[0]!.role).toBe("owner");
    expect(users[0]!.passwordHash).not.toContain(PASSWORD);
    expect(await createFirstAdmin(store.db, "third@example.com", PASSWORD)).toBeNull();
    expect(users[0]!.email).toMatch(/^(admin|other)@example\.com$/); // normalised
    await store.db.update(t.users).set({ email: "admin@example.com" });
  });

  it("answers an unknown email and a wrong password the same way, and counts both before checking", async () => {
    const unknown = await failure(
      signIn(store.db, { email: "nobody@example.com", password: PASSWORD, address: "10.0.0.1" }),
    );
    const wrong = await failure(
      signIn(store.db, { email: "admin@example.com", password: "wrong password!!", address: "10.0.0.1" }),
    );
    expect([unknown.status, unknown.message]).toEqual([401, BAD_CREDENTIALS]);
    expect([wrong.status, wrong.message]).toEqual([401, BAD_CREDENTIALS]);
    const rows = await store.db.select().from(t.loginAttempts);
    expect(rows.map((r) => [r.key, r.failures]).sort()).toEqual([
      ["addr:10.0.0.1", 2],
      ["email:admin@example.com", 1],
      ["email:nobody@example.com", 1],
    ]);
    const failed = await store.db.select().from(t.auditLog).where(eq(t.auditLog.event, "sign_in_failed"));
    expect(failed.map((f) => f.detail.email).sort()).toEqual(["admin@example.com", "nobody@example.com"]);
  });

  it("signs in with the right password (any case of the email): the email's budget is whole again", async () => {
    const user = await signIn(store.db, { email: "ADMIN@example.com", password: PASSWORD, address: "10.0.0.1" });
    expect(user.email).toBe("admin@example.com");
    const left = Object.fromEntries((await store.db.select().from(t.loginAttempts)).map((r) => [r.key, r.failures]));
    expect(left).toEqual({ "email:nobody@example.com": 1, "addr:10.0.0.1": 2 });
  });

  it(`of 50 concurrent wrong passwords for one email, at most ${LIMITS.email} are checked; the rest 429`, async () => {
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        outcome(
          signIn(store.db, { email: "admin@example.com", password: `wrong ${i} password`, address: `10.1.${i}.1` }),
        ),
      ),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMITS.email);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50 - LIMITS.email);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const [row] = await store.db
      .select()
      .from(t.loginAttempts)
      .where(eq(t.loginAttempts.key, "email:admin@example.com"));
    expect(row!.failures).toBe(50); // every attempt counted, concurrent or not
    const throttled = await store.db.select().from(t.auditLog).where(eq(t.auditLog.event, "sign_in_throttled"));
    expect(throttled).toHaveLength(1); // one entry per window, not one per refused attempt
  });

  it("refuses even the right password during the back-off (429, Retry-After), and accepts it after", async () => {
    const locked = await failure(
      signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.0.2.1" }),
    );
    expect(locked.status).toBe(429);
    const retry = (locked as AppError & { retryAfterSeconds?: number }).retryAfterSeconds!;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    await expireWindow(store.db, "email:admin@example.com");
    const user = await signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.0.2.1" });
    expect(user.email).toBe("admin@example.com");
  });

  it("someone else's guesses do not keep the owner out of an address they signed in from before", async () => {
    const [admin] = await store.db.select().from(t.users);
    await store.db.insert(t.sessions).values({
      id: "ses_known",
      userId: admin!.id,
      ip: "10.7.7.7",
      expiresAt: sql`now() + interval '1 day'`,
    });
    for (let i = 0; i < LIMITS.email + 2; i++)
      await outcome(
        signIn(store.db, { email: "admin@example.com", password: `guess ${i} password`, address: `10.8.0.${i}` }),
      );
    expect(
      await outcome(signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.9.0.1" })),
    ).toBe(429);
    const user = await signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.7.7.7" });
    expect(user.email).toBe("admin@example.com");
    await expireWindow(store.db, "email:admin@example.com");
  });

  it("limits an address trying many emails", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.address + 3; i++)
      statuses.push(
        await outcome(signIn(store.db, { email: `spray${i}@example.com`, password: "x", address: "10.9.9.9" })),
      );
    expect(statuses.slice(0, LIMITS.address).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(LIMITS.address)).toEqual([429, 429, 429]);
    expect(
      await outcome(signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.9.9.9" })),
    ).toBe(429);
  });

  it("purges the rows of windows that ended", async () => {
    await expireWindow(store.db, "addr:10.9.9.9");
    await purgeEndedWindows(store.db, true);
    const keys = (await store.db.select().from(t.loginAttempts)).map((r) => r.key);
    expect(keys).not.toContain("addr:10.9.9.9");
    expect(keys.length).toBeGreaterThan(0);
  });

  it("a deactivated account answers like a wrong password", async () => {
    await store.db.update(t.users).set({ active: false });
    const e = await failure(signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.3.3.3" }));
    expect([e.status, e.message]).toEqual([401, BAD_CREDENTIALS]);
    await store.db.update(t.users).set({ active: true });
  });

  it("stores API tokens hashed with a scope and an expiry, finds their owner and role, and revokes them", async () => {
    const [admin] = await store.db.select().from(t.users);
    const created = await createToken(store.db, { id: admin!.id, email: admin!.email }, "CI export", {
      scope: "write",
    });
    expect(created.token).toMatch(/^tl_[\w-]{43}$/);
    expect(created.scope).toBe("write");
    expect(Date.parse(created.expiresAt!) - Date.now()).toBeGreaterThan(89 * 86400e3);
    const [row] = await store.db.select().from(t.apiTokens);
    expect(row!.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await userForToken(store.db, created.token)).toMatchObject({
      userId: admin!.id,
      tokenName: "CI export",
      scope: "write",
      role: "owner",
    });
    expect(await userForToken(store.db, created.token + "x")).toBeNull();
    expect(await userForToken(store.db, "not-a-token")).toBeNull();
    const listed = await listTokens(store.db);
    expect(listed).toEqual([
      expect.objectContaining({ id: created.id, name: "CI export", scope: "write", createdBy: admin!.email }),
    ]);
    expect(listed[0]!.lastUsedAt).not.toBeNull();
    expect(await listTokens(store.db, "usr_someone_else")).toEqual([]);
    // A deactivated creator's tokens stop working; so does an expired token.
    await store.db.update(t.users).set({ active: false });
    expect(await userForToken(store.db, created.token)).toBeNull();
    await store.db.update(t.users).set({ active: true });
    await store.db.update(t.apiTokens).set({ expiresAt: sql`now() - interval '1 second'` });
    expect(await userForToken(store.db, created.token)).toBeNull();
    const never = await createToken(store.db, { id: admin!.id, email: admin!.email }, "forever", {
      expiresInDays: null,
    });
    expect(never.expiresAt).toBeNull();
    expect(await userForToken(store.db, never.token)).toMatchObject({ scope: "read" });
    expect(await revokeToken(store.db, created.id, admin!.email, "usr_someone_else")).toBe(false);
    expect(await revokeToken(store.db, created.id, admin!.email)).toBe(true);
    expect(await revokeToken(store.db, created.id, admin!.email)).toBe(false);
    const events = (await store.db.select().from(t.auditLog)).map((r) => r.event);
    expect(events).toEqual(expect.arrayContaining(["admin_created", "signed_in", "token_created", "token_revoked"]));
  });
});
