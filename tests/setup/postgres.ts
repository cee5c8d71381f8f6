import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

// Starts a throwaway PostgreSQL cluster from Debian's packages on 127.0.0.1 for the
// store tests, and removes it afterwards. TOUCHLINE_TEST_PG_URL points at an existing
// server instead (a test database is created per file either way).

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const v = versions.at(-1);
  if (!v)
    throw new Error("PostgreSQL is not installed (apt-get install -y postgresql); the store tests run against it.");
  return path.join(root, v, "bin");
}

export default function setup(project: TestProject) {
  const given = process.env.TOUCHLINE_TEST_PG_URL;
  if (given) {
    project.provide("pgUrl", given);
    return;
  }
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-pg-"));
  const port = 56000 + Math.floor(Math.random() * 2000);
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
    `${bin}/pg_ctl -D ${dir}/data -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -l ${dir}/log start >/dev/null`,
  );
  project.provide("pgUrl", `postgres://postgres@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run(`${bin}/pg_ctl -D ${dir}/data -m immediate stop >/dev/null`);
    } catch {
      /* already gone */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
