import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyUnreadableError, keyHint, open, seal } from "./envelope";

const key = crypto.randomBytes(32);
const keys = new Map([["k1", key]]);
const ctx = { connectionId: "conn_a", vendor: "lemlist" };

describe("API key envelope", () => {
  it("round-trips and uses a fresh nonce per write", () => {
    const a = seal("secret-key-1234", key, "k1", ctx);
    const b = seal("secret-key-1234", key, "k1", ctx);
    expect(a).not.toEqual(b);
    expect(a).not.toContain("secret-key-1234");
    expect(open(a, keys, ctx)).toBe("secret-key-1234");
  });

  it("refuses a ciphertext copied to another connection or vendor", () => {
    const a = seal("secret-key-1234", key, "k1", ctx);
    expect(() => open(a, keys, { ...ctx, connectionId: "conn_b" })).toThrow(KeyUnreadableError);
    expect(() => open(a, keys, { ...ctx, vendor: "close" })).toThrow(KeyUnreadableError);
  });

  it("refuses a tampered ciphertext, a foreign key id and garbage", () => {
    const a = seal("secret-key-1234", key, "k1", ctx);
    const parts = a.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0]! ^= 1;
    const tampered = [...parts.slice(0, 3), body.toString("base64url")].join(".");
    expect(() => open(tampered, keys, ctx)).toThrow(KeyUnreadableError);
    expect(() => open(a, new Map([["k2", crypto.randomBytes(32)]]), ctx)).toThrow(/another master key/);
    expect(() => open("nonsense", keys, ctx)).toThrow(KeyUnreadableError);
  });

  it("shows only the last four characters", () => {
    expect(keyHint("abcdefgh1234")).toBe("••••1234");
  });
});
