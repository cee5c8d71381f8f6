// `npm run bench` part "load": 50 concurrent clients for 30 s on the timeline, tasks and
// engagement APIs of a production server (`next start`, 127.0.0.1) over a store of
// 1 000 000 activities. Reports throughput and p99 per endpoint, and that nothing failed.
// Bounded: each run lasts `seconds`, then the server is stopped.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { atMost, info, printTable, writeReport, type Figure } from "./figures";
import { benchServerEnv, signIn, startNextServer, type NextServer } from "./next-server";
import { seedReadWorld } from "./read-timeline";

export async function benchLoad(
  opts: { activities?: number; contacts?: number; seconds?: number; connections?: number } = {},
): Promise<Figure[]> {
  const activities = opts.activities ?? 1_000_000;
  const seconds = opts.seconds ?? 30;
  const connections = opts.connections ?? 50;
  const dist = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(dist, "BUILD_ID")))
    return [{ name: "load test", value: NaN, unit: "", note: "skipped: no production build (npm run build)" }];

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-bench-load-"));
  const { openStore } = await import("@/lib/server/store/db");
  const { rebuildEngagementRollups } = await import("@/lib/server/rollups/engagement");
  const store = await openStore({ kind: "pglite", dataDir });
  console.log(`  load: seeding ${activities} activities…`);
  await seedReadWorld(store.db, { contacts: opts.contacts ?? 50_000, activities, busy: 10_000 });
  await rebuildEngagementRollups(store.db, ["lemlist:cam_1"]);
  await store.close();

  let server: NextServer | null = null;
  try {
    server = await startNextServer({
      distDir: dist,
      port: 3900 + Math.floor(Math.random() * 90),
      env: benchServerEnv(dataDir, "off"),
    });
    const { base } = server;
    const cookie = await signIn(base);

    const endpoints = {
      timeline: "/api/v1/contacts/c_busy/timeline?limit=50&tz=Europe/Paris",
      tasks: "/api/v1/tasks?due=next7&tz=Europe/Paris&limit=50",
      engagement: "/api/v1/campaigns/lemlist%3Acam_1/engagement?interval=day&tz=Europe/Paris",
    };
    const figures: Figure[] = [];
    for (const [name, p] of Object.entries(endpoints)) {
      const check = await fetch(base + p, { headers: { cookie } });
      if (!check.ok) throw new Error(`${name}: ${check.status} ${(await check.text()).slice(0, 200)}`);
      const result = await autocannon({ url: base + p, connections, duration: seconds, headers: { cookie } });
      const failed = result.errors + result.timeouts + result.non2xx;
      figures.push(
        info(`${name}: throughput (${connections} clients, ${seconds} s)`, result.requests.average, "req/s"),
      );
      figures.push(info(`${name}: p99 latency`, result.latency.p99, "ms", `p50 ${result.latency.p50} ms`));
      figures.push(atMost(`${name}: failed requests`, failed, "", 0, `${result.requests.total} requests`));
    }
    return figures;
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchLoad();
  printTable("load (autocannon against next start)", figures);
  console.log(`report: ${writeReport("load", figures)}`);
  process.exit(0);
}
