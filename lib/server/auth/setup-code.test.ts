import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { STORE_KINDS, freshStore } from "@/tests/helpers/stores";
import { ensureDataDir } from "../store/data-dir";
import { maskedCount, registerSecret, scrub, withSecret } from "../log";
import { ensureFirstAdmin } from "./first-admin";
import { checkSetupCode, clearSetupCodes } from "./setup-code";

describe.each(STORE_KINDS)("the one-time setup code on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    delete process.env.TOUCHLINE_ADMIN_EMAIL;
    delete process.env.TOUCHLINE_ADMIN_PASSWORD;
    resetEnvCache();
    store = await freshStore(kind);
  });
  afterAll(async () => {
    await store?.cleanup();
    resetEnvCache();
  });

  it("is printed in the server log at start while no user exists, and only that code opens setup", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      await ensureFirstAdmin(store.db);
    } finally {
      spy.mockRestore();
    }
    const line = lines.find((l) => l.includes("setupCode"));
    expect(line).toBeDefined();
    const code = (JSON.parse(line!) as { setupCode: string }).setupCode;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await checkSetupCode(store.db, code)).toBe(true);
    expect(await checkSetupCode(store.db, code.toLowerCase().replace(/-/g, " "))).toBe(true);
    expect(await checkSetupCode(store.db, "AAAA-BBBB-CCCC")).toBe(false);
    expect(await checkSetupCode(store.db, "")).toBe(false);
    // The store keeps a hash, not the code.
    const raw = JSON.stringify(await store.db.execute("select value from settings where key = 'setup_codes'"));
    expect(raw).not.toContain(code);
    await clearSetupCodes(store.db);
    expect(await checkSetupCode(store.db, code)).toBe(false);
  });
});

describe("masked strings in logs", () => {
  it("masks a key only while it is tested, and keeps a bounded list of stored keys", async () => {
    const before = maskedCount();
    const tried = "rejected-key-0123456789";
    await withSecret(tried, async () => {
      expect(scrub(`calling with ${tried}`)).not.toContain(tried);
    });
    expect(maskedCount()).toBe(before); // a refused key is not remembered
    for (let i = 0; i < 2000; i++) registerSecret(`stored-key-${i}-abcdef`);
    expect(maskedCount()).toBeLessThanOrEqual(500);
    expect(scrub("stored-key-1999-abcdef")).toBe("[redacted]");
  });
});

describe("the data directory", () => {
  it("is created owner-only, and an existing one others can read is made owner-only", () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-datadir-"));
    const fresh = path.join(base, "a", "store");
    ensureDataDir(fresh);
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o700);
    const open = path.join(base, "open");
    fs.mkdirSync(open, { mode: 0o755 });
    fs.chmodSync(open, 0o755);
    const spy = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      ensureDataDir(open);
    } finally {
      spy.mockRestore();
    }
    expect(fs.statSync(open).mode & 0o777).toBe(0o700);
  });
});
