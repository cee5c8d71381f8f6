// Starts the end-to-end suite's web servers (playwright.config.ts's `webServer` entries: the
// standalone sandbox and `next start` with the demo workspace) and keeps them up until this
// process is told to stop. `npm test` runs it right after the build, so the server starts and
// the demo workspace syncs while Vitest runs; Playwright then finds the servers up and uses
// them (E2E_REUSE_SERVERS=1). Their stderr goes to this process's stderr.
import { spawn, type ChildProcess } from "node:child_process";
import config from "../../playwright.config";

const servers = [config.webServer ?? []].flat();
const children: ChildProcess[] = servers.map((s) =>
  spawn(s.command, {
    shell: true,
    // Its own process group, so stopping it stops what its command started.
    detached: true,
    env: { ...process.env, ...s.env },
    stdio: ["ignore", "ignore", "inherit"],
  }),
);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.pid && c.exitCode === null) process.kill(-c.pid, "SIGTERM");
  // Bounded: whatever ignored SIGTERM is killed after 5 s.
  setTimeout(() => {
    for (const c of children) if (c.pid && c.exitCode === null) process.kill(-c.pid, "SIGKILL");
    process.exit(0);
  }, 5_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
for (const c of children)
  c.on("exit", (code) => {
    if (!stopping) {
      process.stderr.write(`e2e server exited early (${code}): ${servers[children.indexOf(c)]?.command}\n`);
      stop();
    }
  });
