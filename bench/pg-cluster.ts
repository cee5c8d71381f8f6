// A throwaway PostgreSQL for the benches, the way tests/setup/postgres.ts starts one for the
// store tests: Debian's binaries, initdb into /tmp/touchline-pg-bench-*, 127.0.0.1 on a free
// port, stopped and removed at the end — also when the bench throws, exits or is
// interrupted (exit and signal hooks). Default settings but max_connections, fsync on: the
// figures are PostgreSQL as shipped, not a tuned server.
//
//   startPgCluster()        → { url, database(name), stop() }: url is the `postgres` database
//                             of a new cluster; database(name) a fresh one in it
//   benchDatabase(name)     → a fresh store for one bench on the store BENCH_STORE names:
//                             PGlite in a temp dir, or a new database in the cluster at
//                             BENCH_PG_URL (bench/all.ts starts one for the whole run) or in
//                             a cluster of its own when that is unset
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { StoreOptions } from "@/lib/server/store/db";
import { benchStore, type BenchStoreKind } from "./figures";

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** A fresh, empty database `name` in the cluster (dropped first if it exists); its URL. */
  database(name: string): Promise<string>;
  /** Stops the cluster and removes its directory (synchronous; a second call does nothing). */
  stop(): void;
}

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const v = versions.at(-1);
  if (!v)
    throw new Error("PostgreSQL is not installed (apt-get install -y postgresql); the PostgreSQL benches need it.");
  return path.join(root, v, "bin");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-pg-bench-"));
  // initdb refuses to run as root: as in the tests, the cluster then belongs to `postgres`.
  const isRoot = process.getuid?.() === 0;
  const run = (cmd: string) =>
    isRoot
      ? execFileSync("su", ["postgres", "-c", cmd], { stdio: "pipe" })
      : execFileSync("sh", ["-c", cmd], { stdio: "pipe" });
  if (isRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString());
    fs.chownSync(dir, id("-u"), id("-g"));
  }
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(`${bin}/pg_ctl -D ${dir}/data -m immediate stop >/dev/null 2>&1`);
    } catch {
      /* not running (start failed, or already gone) */
    }
    fs.rmSync(dir, { recursive: true, force: true });
    process.off("exit", stopNow);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow();
    process.kill(process.pid, signal);
  };
  process.once("exit", stopNow);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    run(`${bin}/initdb -D ${dir}/data -A trust -U postgres >/dev/null`);
    // The free port can be taken between the probe and the start on a busy machine: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        run(
          `${bin}/pg_ctl -D ${dir}/data -w -t 60 -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200" -l ${dir}/log start >/dev/null`,
        );
        const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
        return {
          url,
          async database(name) {
            await dropDatabase(url, name);
            return createDatabase(url, name);
          },
          stop: () => stopNow(),
        };
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  } catch (err) {
    const log = fs.existsSync(`${dir}/log`) ? fs.readFileSync(`${dir}/log`, "utf8").slice(-2000) : "";
    stopNow();
    throw new Error(`could not start PostgreSQL: ${(err as Error).message}\n${log}`);
  }
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Creates database `name` in the cluster at `serverUrl`; returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  kind: BenchStoreKind;
  options: StoreOptions;
  /** TOUCHLINE_DATA_DIR (the secret key lives there on PostgreSQL too) and, on PostgreSQL, DATABASE_URL. */
  env: Record<string, string>;
  /** Drops the database / removes the data dir, and stops the cluster if this call started it. */
  remove(): Promise<void>;
}

/** A fresh, empty store for the bench `name` on the store BENCH_STORE names. */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const kind = benchStore();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `touchline-bench-${name}-`));
  if (kind === "pglite")
    return {
      kind,
      options: { kind, dataDir },
      env: { TOUCHLINE_DATA_DIR: dataDir },
      remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  const own = process.env.BENCH_PG_URL ? null : await startPgCluster();
  const server = process.env.BENCH_PG_URL || own!.url;
  const db = `bench_${name.replace(/\W/g, "_")}_${Date.now().toString(36)}`;
  const url = await createDatabase(server, db);
  return {
    kind,
    options: { kind, url },
    env: { TOUCHLINE_DATA_DIR: dataDir, DATABASE_URL: url },
    async remove() {
      try {
        if (own) own.stop();
        else await dropDatabase(server, db);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
