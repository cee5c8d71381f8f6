// A throwaway PostgreSQL cluster for a benchmark, started the way tests/setup/postgres.ts
// starts the tests' one: initdb in /tmp, 127.0.0.1, a random port, fsync off; `stop()`
// stops it and removes its directory. Each caller gets a database of its own in it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface PgCluster {
  url: string;
  /** A fresh, empty database in the cluster. */
  database(name: string): Promise<string>;
  stop(): void;
}

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const v = versions.at(-1);
  if (!v) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql).");
  return path.join(root, v, "bin");
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-pg-"));
  const port = 58000 + Math.floor(Math.random() * 2000);
  const isRoot = process.getuid?.() === 0;
  const run = (cmd: string) =>
    isRoot
      ? execFileSync("su", ["postgres", "-c", cmd], { stdio: "pipe" })
      : execFileSync("sh", ["-c", cmd], { stdio: "pipe" });
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    fs.chownSync(dir, uid, gid);
  }
  run(`${bin}/initdb -D ${dir}/data -A trust -U postgres >/dev/null`);
  run(
    `${bin}/pg_ctl -D ${dir}/data -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" -l ${dir}/log start >/dev/null`,
  );
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(`${bin}/pg_ctl -D ${dir}/data -m immediate stop >/dev/null`);
    } catch {
      /* already gone */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A benchmark that throws or is interrupted must not leave its cluster running.
  process.once("exit", stop);
  return {
    url,
    async database(name) {
      const { Client } = await import("pg");
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name}`);
      await client.query(`create database ${name}`);
      await client.end();
      return url.replace(/\/postgres$/, `/${name}`);
    },
    stop,
  };
}
