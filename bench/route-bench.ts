// What the read benches share: a fresh PGlite store that the route handlers open (they read
// the data dir from the env), a bench user with an API token, and a caller that runs a
// handler with a real NextRequest the way Next would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/server/store/db";
import { printTable, type Figure } from "./figures";

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

/** What every read bench takes besides its sizes. */
export interface ReadBenchOptions {
  samples?: number;
  /** Where the PGlite store goes; a temp dir (removed afterwards) by default. */
  dataDir?: string;
  log?: (line: string) => void;
}

export interface ReadBench {
  db: Db;
  /** Where the bench puts its figures; returned once it is done. */
  figures: Figure[];
  /** Samples per timed question. */
  n: number;
  log: (line: string) => void;
  queryRows: typeof import("@/lib/server/store/db").queryRows;
}

/**
 * Runs one read bench on a store of its own: opens the store first (the route handlers read
 * its data dir from the env, so `run` imports them only then), and closes it whatever happens.
 */
export async function runReadBench(
  name: string,
  opts: ReadBenchOptions,
  samples: number,
  run: (bench: ReadBench) => Promise<void>,
): Promise<Figure[]> {
  const n = opts.samples ?? samples;
  const log = opts.log ?? ((line: string) => console.log(line));
  const bench = await openBenchStore(name, opts.dataDir);
  const figures: Figure[] = [];
  try {
    const { queryRows } = await import("@/lib/server/store/db");
    await run({ db: bench.db, figures, n, log, queryRows });
  } finally {
    await bench.close();
  }
  return figures;
}

/**
 * When the bench file `moduleUrl` is run alone (not imported by bench/read.ts): runs it with
 * the numbers given as `--name N`, prints the table and exits, 1 when a figure misses its target.
 */
export async function runAlone(
  moduleUrl: string,
  title: string,
  bench: (arg: (name: string) => number | undefined) => Promise<Figure[]>,
): Promise<void> {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const figures = await bench(arg);
  printTable(title, figures);
  process.exit(figures.every((f) => f.ok !== false) ? 0 : 1);
}
