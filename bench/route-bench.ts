// What the read benches share: a fresh PGlite store that the route handlers open (they read
// the data dir from the env), a bench user with an API token, and a caller that runs a
// handler with a real NextRequest the way Next would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/server/store/db";

export type Handler = (
  req: import("next/server").NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface BenchStore {
  db: Db;
  dataDir: string;
  close(): Promise<void>;
}

/** Points this process at `dataDir` (a temp dir, removed on close, when not given) and opens it. Call before importing route modules. */
export async function openBenchStore(name: string, dataDir?: string): Promise<BenchStore> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `touchline-bench-${name}-`));
  process.env.TOUCHLINE_DATA_DIR = dir;
  process.env.TOUCHLINE_DEMO = "off";
  delete process.env.DATABASE_URL;
  const { getStore } = await import("@/lib/server/store/db");
  const store = await getStore();
  return {
    db: store.db,
    dataDir: dir,
    async close() {
      await store.close();
      (globalThis as { __touchlineStore?: unknown }).__touchlineStore = undefined;
      if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A bench user with an API token, and `call(handler, url, params)` → the body text (throws unless 200). */
export async function benchCaller(
  db: Db,
  label: string,
): Promise<(handler: Handler, url: string, params?: Record<string, string>) => Promise<string>> {
  const { NextRequest } = await import("next/server");
  const { createToken } = await import("@/lib/server/auth/tokens");
  const t = await import("@/lib/server/store/schema");
  const user = { id: "usr_bench", email: "bench@touchline.test" };
  await db
    .insert(t.users)
    .values({ ...user, passwordHash: "!" })
    .onConflictDoNothing();
  const { token } = await createToken(db, user, label);
  return async (handler, url, params = {}) => {
    const req = new NextRequest(new URL(url, "http://127.0.0.1:3000"), {
      headers: { authorization: `Bearer ${token}` },
    });
    const res = await handler(req, { params: Promise.resolve(params) });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
    return body;
  };
}
