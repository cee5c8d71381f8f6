// What the read benches share: a fresh store that the route handlers open (they read it
// from the env) — PGlite, or a new PostgreSQL database when BENCH_STORE=postgres
// (bench/pg-cluster.ts) — a bench user with an API token, and a caller that runs a handler
// with a real NextRequest the way Next would.
import type { Db } from "@/lib/server/store/db";
import { benchStore, printTable, storeLabel, type BenchStoreKind, type Figure } from "./figures";
import { benchDatabase } from "./pg-cluster";

export type Handler = (
  req: import("next/server").NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface BenchStore {
  db: Db;
  kind: BenchStoreKind;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Points this process at a fresh store of the kind BENCH_STORE names and opens it: PGlite
 * in `dataDir` (a temp dir, removed on close, when not given), or a new PostgreSQL
 * database (dropped on close). Call before importing route modules.
 */
export async function openBenchStore(name: string, dataDir?: string): Promise<BenchStore> {
  const kind = benchStore();
  const given = kind === "pglite" && dataDir;
  const fresh = given ? null : await benchDatabase(name);
  const env: Record<string, string> = fresh?.env ?? { TOUCHLINE_DATA_DIR: dataDir! };
  delete process.env.DATABASE_URL;
  Object.assign(process.env, env, { TOUCHLINE_DEMO: "off" });
  const { getStore } = await import("@/lib/server/store/db");
  const store = await getStore();
  return {
    db: store.db,
    kind,
    dataDir: env.TOUCHLINE_DATA_DIR!,
    async close() {
      await store.close();
      (globalThis as { __touchlineStore?: unknown }).__touchlineStore = undefined;
      await fresh?.remove();
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
  /** Where the PGlite store goes; a temp dir (removed afterwards) by default. Ignored on PostgreSQL. */
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
  /** "PGlite" or "PostgreSQL", for the figures' notes. */
  store: string;
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
    await run({ db: bench.db, figures, n, log, queryRows, store: storeLabel(bench.kind) });
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
