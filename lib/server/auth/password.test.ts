import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, verifyPassword } from "./password";

describe("password hashes", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password here")).not.toBe(await hashPassword("same password here"));
  });

  it("reads the parameters from the hash string", async () => {
    // A hash made with cheaper parameters (an older install) still verifies.
    const crypto = await import("node:crypto");
    const salt = crypto.randomBytes(16);
    const h = crypto.scryptSync("older password!", salt, 32, { N: 2 ** 10, r: 8, p: 1 });
    const stored = ["scrypt", 10, 8, 1, salt.toString("base64url"), h.toString("base64url")].join("$");
    expect(await verifyPassword("older password!", stored)).toBe(true);
    expect(await verifyPassword("older password?", stored)).toBe(false);
  });

  it("refuses malformed and absurd hashes without throwing", async () => {
    for (const bad of [
      "",
      "plain",
      "bcrypt$10$abc",
      "scrypt$15$8$1$salt",
      "scrypt$40$8$1$c2FsdA$aGFzaA",
      "scrypt$15$8$1$c2FsdA$aGk",
    ]) {
      expect(await verifyPassword("anything", bad)).toBe(false);
    }
  });

  it("has a dummy hash with the same parameters for unknown emails", async () => {
    const d = await dummyHash();
    expect(d.split("$").slice(0, 4)).toEqual((await hashPassword("x")).split("$").slice(0, 4));
    expect(await verifyPassword("", d)).toBe(false);
  });
});
