import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS, freshStore } from "@/tests/helpers/stores";
import { AppError } from "../http/errors";
import * as t from "../store/schema";
import { BAD_CREDENTIALS, signIn } from "./login";
import { LIMITS } from "./throttle";
import { createToken, hashToken, listTokens, revokeToken, userForToken } from "./tokens";
import { createFirstAdmin, hasUsers } from "./users";

const PASSWORD = "a long enough password 1";

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe.each(STORE_KINDS)("sign-in, throttling and tokens on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it("creates the first admin once, even when two try at the same time", async () => {
    expect(await hasUsers(store.db)).toBe(false);
    const [a, b] = await Promise.all([
      createFirstAdmin(store.db, " Admin@Example.com ", PASSWORD),
      createFirstAdmin(store.db, "other@example.com", PASSWORD),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const users = await store.db.select().from(t.users);
    expect(users).toHaveLength(1);
    expect(users[0]!.passwordHash).not.toContain(PASSWORD);
    expect(await createFirstAdmin(store.db, "third@example.com", PASSWORD)).toBeNull();
    // Leave the admin the tests below use.
    expect(users[0]!.email).toMatch(/^(admin|other)@example\.com$/); // normalised
    await store.db.update(t.users).set({ email: "admin@example.com" });
  });

  it("answers an unknown email and a wrong password the same way", async () => {
    const unknown = await failure(
      signIn(store.db, { email: "nobody@example.com", password: PASSWORD, address: "10.0.0.1" }),
    );
    const wrong = await failure(
      signIn(store.db, { email: "admin@example.com", password: "wrong password!!", address: "10.0.0.1" }),
    );
    expect([unknown.status, unknown.message]).toEqual([401, BAD_CREDENTIALS]);
    expect([wrong.status, wrong.message]).toEqual([401, BAD_CREDENTIALS]);
    // Both were counted: an unknown email is throttled like a real one.
    const rows = await store.db.select().from(t.loginAttempts);
    expect(rows.map((r) => [r.key, r.failures]).sort()).toEqual([
      ["addr:10.0.0.1", 2],
      ["email:admin@example.com", 1],
      ["email:nobody@example.com", 1],
    ]);
  });

  it("signs in with the right password (any case of the email) and clears the failures", async () => {
    const user = await signIn(store.db, { email: "ADMIN@example.com", password: PASSWORD, address: "10.0.0.1" });
    expect(user.email).toBe("admin@example.com");
    const left = await store.db.select().from(t.loginAttempts);
    expect(left.map((r) => r.key)).toEqual(["email:nobody@example.com"]);
  });

  it(`locks an email after ${LIMITS.email} failures: 429 with Retry-After, even with the right password`, async () => {
    for (let i = 0; i < LIMITS.email; i++) {
      const e = await failure(
        signIn(store.db, { email: "admin@example.com", password: `wrong ${i} password`, address: `10.0.1.${i}` }),
      );
      expect(e.status).toBe(401);
    }
    const locked = await failure(
      signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.0.2.1" }),
    );
    expect(locked.status).toBe(429);
    const retry = (locked as AppError & { retryAfterSeconds?: number }).retryAfterSeconds!;
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Another account from another address is not affected.
    const other = await failure(
      signIn(store.db, { email: "nobody@example.com", password: PASSWORD, address: "10.0.3.1" }),
    );
    expect(other.status).toBe(401);
  });

  it("starts a new window once the old one is over, and unlocks after the lock", async () => {
    await store.db.execute(
      sql`update login_attempts set first_failure_at = now() - interval '20 minutes', locked_until = now() - interval '1 minute' where key = 'email:admin@example.com'`,
    );
    const user = await signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.0.2.1" });
    expect(user.email).toBe("admin@example.com");
    await failure(signIn(store.db, { email: "nobody@example.com", password: "x", address: "10.0.3.1" }));
    await store.db.execute(
      sql`update login_attempts set first_failure_at = now() - interval '20 minutes' where key = 'email:nobody@example.com'`,
    );
    await failure(signIn(store.db, { email: "nobody@example.com", password: "x", address: "10.0.3.1" }));
    const [row] = await store.db
      .select()
      .from(t.loginAttempts)
      .where(eq(t.loginAttempts.key, "email:nobody@example.com"));
    expect(row!.failures).toBe(1);
  });

  it("locks an address trying many emails", async () => {
    for (let i = 0; i < LIMITS.address; i++)
      await failure(signIn(store.db, { email: `spray${i}@example.com`, password: "x", address: "10.9.9.9" }));
    const e = await failure(signIn(store.db, { email: "admin@example.com", password: PASSWORD, address: "10.9.9.9" }));
    expect(e.status).toBe(429);
  });

  it("stores API tokens hashed, finds their owner, and revokes them", async () => {
    const [admin] = await store.db.select().from(t.users);
    const created = await createToken(store.db, { id: admin!.id, email: admin!.email }, "CI export");
    expect(created.token).toMatch(/^tl_[\w-]{43}$/);
    const [row] = await store.db.select().from(t.apiTokens);
    expect(row!.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await userForToken(store.db, created.token)).toMatchObject({ userId: admin!.id, tokenName: "CI export" });
    expect(await userForToken(store.db, created.token + "x")).toBeNull();
    expect(await userForToken(store.db, "not-a-token")).toBeNull();
    const listed = await listTokens(store.db);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "CI export", createdBy: admin!.email })]);
    expect(listed[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(await revokeToken(store.db, created.id, admin!.email)).toBe(true);
    expect(await revokeToken(store.db, created.id, admin!.email)).toBe(false);
    expect(await userForToken(store.db, created.token)).toBeNull();
    const events = (await store.db.select().from(t.auditLog)).map((r) => r.event);
    expect(events).toEqual(expect.arrayContaining(["admin_created", "signed_in", "token_created", "token_revoked"]));
  });
});
