import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSession, sealSession, sessionKey } from "./session";

const key = sessionKey(crypto.randomBytes(32));
const user = { sessionId: "ses_secret_1", userId: "usr_1" };

describe("session cookies", () => {
  it("round-trips the user and hides it from the client", async () => {
    const token = await sealSession(user, { key });
    expect(token.split(".")).toHaveLength(5); // JWE compact: encrypted, not just signed
    expect(Buffer.from(token.split(".")[3]!, "base64url").toString()).not.toContain("ses_secret_1");
    const claims = await openSession(token, { key });
    expect(claims).toMatchObject({ userId: "usr_1", sessionId: "ses_secret_1" });
    expect(claims!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("refuses a forged, damaged, foreign-key or expired cookie", async () => {
    const token = await sealSession(user, { key });
    const parts = token.split(".");
    const flip = (s: string) => {
      const b = Buffer.from(s, "base64url");
      b[0]! ^= 1;
      return b.toString("base64url");
    };
    expect(await openSession("AAAAAAAA" + token.slice(8), { key })).toBeNull();
    expect(await openSession([...parts.slice(0, 3), flip(parts[3]!), parts[4]].join("."), { key })).toBeNull();
    expect(await openSession([...parts.slice(0, 4), flip(parts[4]!)].join("."), { key })).toBeNull();
    expect(await openSession(token, { key: sessionKey(crypto.randomBytes(32)) })).toBeNull();
    expect(await openSession("not a token", { key })).toBeNull();
    expect(await openSession("", { key })).toBeNull();
    const expired = await sealSession(user, { key, now: new Date(Date.now() - 3 * 3600e3), ttlSeconds: 3600 });
    expect(await openSession(expired, { key })).toBeNull();
  });

  it("derives a different key from a different master key", () => {
    const a = crypto.randomBytes(32);
    expect(Buffer.from(sessionKey(a)).equals(Buffer.from(sessionKey(a)))).toBe(true);
    expect(Buffer.from(sessionKey(a)).equals(Buffer.from(sessionKey(crypto.randomBytes(32))))).toBe(false);
    expect(Buffer.from(sessionKey(a)).equals(a)).toBe(false);
  });
});
