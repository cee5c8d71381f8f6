#!/usr/bin/env node
// `npm start`: builds once if there is no production build yet, then serves it.
// HOST defaults to 127.0.0.1 (a dashboard holding API keys should not listen on every
// interface by accident); set HOST=0.0.0.0 behind a proxy. PORT defaults to 3000.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const next = path.join(root, "node_modules", ".bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (
  !fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID")) ||
  process.env.TOUCHLINE_REBUILD === "1"
) {
  console.log("No production build yet: running `next build` once (about a minute)…");
  const build = spawnSync(next, ["build"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
// scripts/server.mjs serves the build (Next's handler behind node:http, which knows the socket address).
const child = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...env, HOST: host, PORT: port, NODE_ENV: "production" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
// `npm start` runs this through `sh -c`, which does not pass a SIGTERM sent to npm on: when
// npm's shell goes away, stop the server too instead of leaving it orphaned on its port.
// (Only under npm: started directly in the background, outliving its shell is intended.)
if (process.env.npm_lifecycle_event === "start") {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && child.kill("SIGTERM"), 1000).unref();
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
