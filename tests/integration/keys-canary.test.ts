import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { VENDORS } from "@/lib/model/vendor";
import { STORE_KINDS } from "@/tests/helpers/stores";
import { canaryApp } from "./keys-canary-harness";

// Issue 5's canary: one key per vendor, stored through the API, must appear nowhere —
// not in the database files (PGlite directory, pg_dump of PostgreSQL), not in any API
// answer, not in the server log — also after the vendor rejects it (401) and after a
// burst of 500s. Each store kind gets its own app (fresh modules, env, data dir).

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

const pgBin = (name: string) => {
  const root = "/usr/lib/postgresql";
  const v = fs
    .readdirSync(root)
    .sort((a, b) => Number(a) - Number(b))
    .at(-1)!;
  return path.join(root, v, "bin", name);
};

describe.each(STORE_KINDS)("stored API keys never leave the server (%s)", (kind) => {
  const { canary, replacement, rejected, control, sims, bodies, logs, dataDir, routes, ids, api, waitSync } =
    canaryApp(kind);

  it("a key the vendor rejects is said plainly and nothing is stored", async () => {
    const r = await api(routes.list.POST!, "/api/v1/connections", {
      method: "POST",
      body: { vendor: "close", label: "Wrong key", apiKey: rejected },
    });
    expect(r.status).toBe(422);
    expect((r.json as { detail: string }).detail).toMatch(/Close rejected this API key.*Nothing was saved/);
    const list = await api(routes.list.GET!, "/api/v1/connections");
    expect((list.json as { data: unknown[] }).data).toEqual([]);
  });

  it("stores one key per vendor, answers with the mask only, and syncs", async () => {
    for (const v of VENDORS) {
      const r = await api(routes.list.POST!, "/api/v1/connections", {
        method: "POST",
        body: { vendor: v, label: `${v} canary`, apiKey: canary[v] },
      });
      expect(r.status, r.text).toBe(201);
      const c = r.json as { id: string; keyHint: string; vendor: string };
      expect(c.keyHint).toBe(`••••${canary[v].slice(-4)}`);
      ids[v] = c.id;
      // One first sync at a time: concurrent first syncs upserting the same people can
      // deadlock on PostgreSQL (a sync-engine matter, reported separately).
      const s = await waitSync(ids[v]);
      expect(s.state, `${v}: ${s.error}`).toBe("succeeded");
    }
    const list = (await api(routes.list.GET!, "/api/v1/connections")).json as {
      data: { vendor: string; status: string; lastSyncAt: string | null }[];
    };
    expect(list.data.map((c) => [c.vendor, c.status])).toEqual(VENDORS.map((v) => [v, "ok"]));
    for (const v of VENDORS) await api(routes.one.GET!, `/api/v1/connections/${ids[v]}`, { params: { id: ids[v] } });
  }, 300_000);

  it("the mask sent back keeps the key; a new key is tested, sealed and audited", async () => {
    const id = ids.lemlist;
    const kept = await api(routes.one.PATCH!, `/api/v1/connections/${id}`, {
      method: "PATCH",
      params: { id },
      body: { label: "Renamed", apiKey: `••••${canary.lemlist.slice(-4)}` },
    });
    expect(kept.status).toBe(200);
    expect(kept.json).toMatchObject({ label: "Renamed", keyHint: `••••${canary.lemlist.slice(-4)}` });
    await api(routes.sync.POST!, `/api/v1/connections/${id}/sync`, { method: "POST", params: { id } });
    expect((await waitSync(id)).state).toBe("succeeded"); // still the stored key

    const other = ids.close; // the Close simulator knows only its canary
    const refused = await api(routes.one.PATCH!, `/api/v1/connections/${other}`, {
      method: "PATCH",
      params: { id: other },
      body: { apiKey: replacement },
    });
    expect(refused.status).toBe(422);
    expect((await api(routes.one.GET!, `/api/v1/connections/${other}`, { params: { id: other } })).json).toMatchObject({
      keyHint: `••••${canary.close.slice(-4)}`,
    });

    const replaced = await api(routes.one.PATCH!, `/api/v1/connections/${id}`, {
      method: "PATCH",
      params: { id },
      body: { apiKey: replacement },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({
      keyHint: `••••${replacement.slice(-4)}`,
      status: expect.stringMatching(/ok|syncing/),
    });
    expect((await waitSync(id)).state).toBe("succeeded");
  }, 120_000);

  it("a revoked key (401) marks the connection key_rejected, in words, without the key", async () => {
    for (const v of VENDORS)
      await fetch(`${sims[v].url}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ revokeKey: true }) });
    for (const v of VENDORS) {
      const started = await api(routes.sync.POST!, `/api/v1/connections/${ids[v]}/sync`, {
        method: "POST",
        params: { id: ids[v] },
      });
      expect(started.status).toBe(202);
    }
    for (const v of VENDORS) {
      const s = await waitSync(ids[v]);
      expect(s.state).toBe("failed");
      expect(s.error).toMatch(/rejected the key/i);
    }
    const list = (await api(routes.list.GET!, "/api/v1/connections")).json as {
      data: { status: string; lastError: string }[];
    };
    expect(list.data.map((c) => c.status)).toEqual(VENDORS.map(() => "key_rejected"));
    for (const v of VENDORS) await fetch(`${sims[v].url}/__sandbox/faults`, { method: "DELETE" });
  }, 180_000);

  it("a burst of 500s marks the connection unreachable, in words, without the key", async () => {
    for (const v of VENDORS)
      await fetch(`${sims[v].url}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ status5xx: 50 }) });
    for (const v of VENDORS)
      await api(routes.sync.POST!, `/api/v1/connections/${ids[v]}/sync`, { method: "POST", params: { id: ids[v] } });
    for (const v of VENDORS) {
      const s = await waitSync(ids[v]);
      expect(s.state, v).toBe("failed");
      expect(s.error, v).toMatch(/could not be reached|500/i);
    }
    const list = (await api(routes.list.GET!, "/api/v1/connections")).json as { data: { status: string }[] };
    expect(list.data.map((c) => c.status)).toEqual(VENDORS.map(() => "unreachable"));
    for (const v of VENDORS) await fetch(`${sims[v].url}/__sandbox/faults`, { method: "DELETE" });
    await api(routes.audit.GET!, "/api/v1/audit?limit=200");
  }, 240_000);

  it("no API answer and no log line carries any key", async () => {
    // The capture sees the server log, and a key that reaches a log call is masked.
    const { log: logger } = await import("@/lib/server/log");
    logger.warn("capture probe", {
      url: `${sims.smartlead.url}/campaigns?api_key=${canary.smartlead}`,
      note: `key ${canary.close}`,
    });
    expect(logs.join("\n")).toMatch(/capture probe.*\[redacted\].*\[redacted\]/);
    expect(bodies.length).toBeGreaterThan(30);
    expect(logs.join("\n").length).toBeGreaterThan(0);
    const all = bodies.join("\n");
    const log = logs.join("\n");
    for (const secret of [...Object.values(canary), rejected, replacement]) {
      expect(all.includes(secret), `API answer contains ${secret}`).toBe(false);
      expect(log.includes(secret), `log contains ${secret}`).toBe(false);
      expect(all.includes(encodeURIComponent(secret))).toBe(false);
    }
    // The audit log says what happened, with who and when.
    const audit = (await api(routes.audit.GET!, "/api/v1/audit?limit=200")).json as {
      data: { event: string; actor: string }[];
    };
    expect(new Set(audit.data.map((e) => e.event))).toEqual(
      new Set(["created", "tested", "renamed", "key_replaced", "synced", "sync_failed"]),
    );
    expect(audit.data.find((e) => e.event === "created")!.actor).toBe("route-tests@touchline.test");
  });

  it("the database holds no key in clear (files / pg_dump), though it holds plain strings", async () => {
    const { getStore } = await import("@/lib/server/store/db");
    const store = await getStore();
    let haystacks: Buffer[];
    if (kind === "pglite") {
      const { sql } = await import("drizzle-orm");
      await store.db.execute(sql`checkpoint`);
      await store.close();
      delete (globalThis as Record<string, unknown>).__touchlineStore;
      haystacks = filesUnder(dataDir).map((f) => fs.readFileSync(f));
    } else {
      const url = process.env.DATABASE_URL!;
      haystacks = [execFileSync(pgBin("pg_dump"), ["--no-owner", url], { maxBuffer: 512 * 1024 * 1024 })];
    }
    const found = (s: string) => haystacks.some((b) => b.includes(Buffer.from(s)));
    expect(found(control), "the control string must be visible to this grep").toBe(true);
    for (const secret of [...Object.values(canary), rejected, replacement]) expect(found(secret), secret).toBe(false);
  }, 120_000);
});
