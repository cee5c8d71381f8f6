// The tasks API at scale (issue 7): seeds 100 000 tasks (plus contacts and campaigns)
// into a fresh store (PGlite, or PostgreSQL with BENCH_STORE=postgres), then times the API route handler — parse, query, count,
// JSON — for every due preset in several zones, a custom range, filtered and searched
// pages, a deep cursor, the facet counts and a CSV export, and prints p50/p95 beside
// the target (p95 ≤ 50 ms for the presets).
//
//   npx tsx --conditions=react-server bench/read-tasks.ts [--tasks 100000 --samples 100]
//
// bench/read.ts calls `benchReadTasks()`; run alone, this file prints its own table.
import { sql } from "drizzle-orm";
import { atMost, type Figure, info, percentile, rssMb, sample } from "./figures";
import { benchCaller, runAlone, runReadBench, type Handler, type ReadBenchOptions } from "./route-bench";

export interface ReadTasksOptions extends ReadBenchOptions {
  tasks?: number;
  contacts?: number;
}

const PRESETS = ["overdue", "today", "tomorrow", "week", "next7", "none", "all"] as const;
const ZONES = ["UTC", "Europe/Paris", "America/Los_Angeles", "Pacific/Auckland"];

export function benchReadTasks(opts: ReadTasksOptions = {}): Promise<Figure[]> {
  const tasks = opts.tasks ?? 100_000;
  const contacts = opts.contacts ?? 10_000;
  return runReadBench("tasks", opts, 100, async ({ db, figures, n, log, queryRows, store }) => {
    // The route handlers open the store from the env: runReadBench has pointed it here.
    const tasksRoute = await import("@/app/api/v1/tasks/route");
    const facetsRoute = await import("@/app/api/v1/tasks/facets/route");
    const csvRoute = await import("@/app/api/v1/tasks.csv/route");
    const t0 = performance.now();
    await seedTasksWorld(db, { tasks, contacts, log });
    figures.push(
      info(
        "tasks bench: seed",
        (performance.now() - t0) / 1000,
        "s",
        `${tasks} tasks, ${contacts} contacts on ${store}`,
      ),
    );
    const [open] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from tasks where status = 'open'`);

    const fetchText = await benchCaller(db, "tasks bench");
    const call = (handler: Handler, query: string) => fetchText(handler, `/api/v1/tasks?${query}`);
    const page = async (query: string) =>
      JSON.parse(await call(tasksRoute.GET as Handler, query)) as {
        data: unknown[];
        nextCursor: string | null;
        total: number;
      };

    const all: number[] = [];
    for (const preset of PRESETS) {
      const { total } = await page(`due=${preset}&tz=Europe/Paris&limit=1`);
      const ms = await sample(n, (i) => page(`due=${preset}&tz=${encodeURIComponent(ZONES[i % ZONES.length]!)}`));
      all.push(...ms);
      figures.push(
        info(`tasks API due=${preset} p50`, percentile(ms, 50), "ms"),
        atMost(
          `tasks API due=${preset} p95`,
          percentile(ms, 95),
          "ms",
          50,
          `${total} of ${open?.n} open tasks match (Paris)`,
        ),
      );
    }
    figures.push(
      atMost(
        "tasks API, all presets p95",
        percentile(all, 95),
        "ms",
        50,
        `${all.length} calls over ${ZONES.length} zones, 50 rows each`,
      ),
    );

    const range = await sample(n, (i) =>
      page(`dueFrom=${day(-3 - (i % 5))}&dueTo=${day(10 + (i % 7))}&tz=Europe/Paris`),
    );
    figures.push(atMost("tasks API custom range p95", percentile(range, 95), "ms", 50, "two to three weeks"));
    const filtered = await sample(n, (i) =>
      page(
        [
          "vendors=close&types=call",
          "assignee=usr_3,usr_7&due=next7",
          "campaignId=lemlist:cam_4",
          "sort=priority&due=overdue",
          "sort=-dueAt&types=email,call",
          "group=week&tz=Europe/Paris",
        ][i % 6]!,
      ),
    );
    figures.push(
      atMost(
        "tasks API filtered / sorted p95",
        percentile(filtered, 95),
        "ms",
        50,
        "open tasks: vendor+type, assignee, campaign, priority and reverse sorts, a group",
      ),
    );
    const statuses = await sample(n, (i) =>
      page(
        [
          "status=done,ignored&due=week",
          "status=all",
          "status=all&campaignId=lemlist:cam_4",
          "status=done&sort=priority",
        ][i % 4]!,
      ),
    );
    figures.push(
      info(
        "tasks API done/all statuses p95",
        percentile(statuses, 95),
        "ms",
        "no index serves these: (due_at) is partial to open tasks",
      ),
    );
    const search = await sample(n, (i) =>
      page(`q=${encodeURIComponent(["person 4242", "renewal", "task 99999", "nobody-at-all"][i % 4]!)}`),
    );
    figures.push(
      info(
        "tasks API text search p95",
        percentile(search, 95),
        "ms",
        "title, notes, contact, campaign (ILIKE, no index)",
      ),
    );

    // A deep cursor: 100 pages into "all".
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++)
      cursor = (await page(`limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)).nextCursor;
    const deep = await sample(n, () => page(`cursor=${encodeURIComponent(cursor!)}&limit=100`));
    figures.push(atMost("tasks API deep cursor p95", percentile(deep, 95), "ms", 50, "10 000 rows in"));

    const facets = await sample(Math.min(n, 40), (i) =>
      call(
        facetsRoute.GET as Handler,
        `tz=${encodeURIComponent(ZONES[i % ZONES.length]!)}${i % 2 ? "&due=today" : ""}`,
      ),
    );
    figures.push(
      info(
        "tasks facets p95",
        percentile(facets, 95),
        "ms",
        "2–3 counting scans; loaded beside the list, never blocks it",
      ),
    );

    const csvT0 = performance.now();
    const csv = await call(csvRoute.GET as Handler, "due=all&tz=Europe/Paris");
    figures.push(
      info(
        "tasks CSV export (all open)",
        performance.now() - csvT0,
        "ms",
        `${csv.trim().split("\n").length - 1} rows, ${(csv.length / 1e6).toFixed(1)} MB`,
      ),
    );
    figures.push(info("tasks bench: RSS", rssMb(), "MB"));
  });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The fixture, generated inside the database: tasks spread ±180 days around now (a third
 * date-only, 5 % without a due date), 60 % open, over three vendors, seven types, twenty
 * assignees, thirty campaigns and `contacts` people.
 */
export async function seedTasksWorld(
  db: import("@/lib/server/store/db").Db,
  o: { tasks: number; contacts: number; log?: (line: string) => void },
): Promise<void> {
  const log = o.log ?? (() => {});
  await db.execute(sql`insert into connections (id, vendor, label, key_ciphertext, key_hint)
    values ('conn_lemlist','lemlist','lemlist','x','••••'),('conn_close','close','Close','x','••••'),('conn_leadlex','leadlex','Leadlex','x','••••')
    on conflict do nothing`);
  await db.execute(sql`insert into campaigns (id, connection_id, vendor, vendor_id, name, status)
    select 'lemlist:cam_' || g, 'conn_lemlist', 'lemlist', 'cam_' || g, 'Campaign ' || g || case when g % 3 = 0 then ' renewal' else '' end, 'active'
    from generate_series(1, 30) g on conflict do nothing`);
  await db.execute(sql`insert into contacts (id, email, name, company)
    select 'ct_' || g, 'person' || g || '@example.test', 'Person ' || g, 'Company ' || (g % 500)
    from generate_series(1, ${o.contacts}::int) g on conflict do nothing`);
  const chunk = 50_000;
  for (let from = 1; from <= o.tasks; from += chunk) {
    const to = Math.min(o.tasks, from + chunk - 1);
    await db.execute(sql`insert into tasks (id, connection_id, vendor, vendor_type, type, title, body, status, due_at, due_date, due_is_date_only,
        priority, assignee, contact_id, campaign_id, url, created_at, raw)
      select x.v || ':task_' || g, 'conn_' || x.v, x.v, 'x',
             (array['email','call','linkedin','manual','meeting','whatsapp','other'])[1 + (g / 3) % 7],
             'Task ' || g || ' follow up', case when g % 4 = 0 then 'Notes about the renewal for ' || g end,
             case when h % 10 < 6 then 'open' when h % 10 < 9 then 'done' else 'ignored' end,
             case when h % 20 = 0 then null
                  when h % 3 = 0 then (d.day::timestamp at time zone 'UTC')
                  else now() + d.minutes * interval '1 minute' end,
             case when h % 20 <> 0 and h % 3 = 0 then d.day end,
             h % 20 <> 0 and h % 3 = 0,
             (array['high','medium','low',null])[1 + (h / 7) % 4],
             case when g % 9 = 0 then null else jsonb_build_object('id', 'usr_' || (g % 20), 'name', 'User ' || (g % 20)) end,
             'ct_' || (1 + (g * 7919) % ${o.contacts}::int),
             case when x.v = 'lemlist' and g % 2 = 0 then 'lemlist:cam_' || (1 + g % 30) end,
             'https://app.example.test/tasks/' || g, now() - interval '200 days', jsonb_build_object('n', g)
      from generate_series(${from}::int, ${to}::int) g
      cross join lateral (select (hashint4(g) & 2147483647) as h, (array['lemlist','close','leadlex'])[1 + g % 3] as v) x
      cross join lateral (select (((hashint4(g * 31) & 2147483647) % (360 * 1440)) - 180 * 1440) as minutes) m
      cross join lateral (select m.minutes, ((now() + m.minutes * interval '1 minute') at time zone 'UTC')::date as day) d`);
    log(`tasks bench: ${to} tasks seeded`);
  }
  await db.execute(sql`analyze`);
}

// Run alone: print the table.
await runAlone(import.meta.url, `Tasks API (${process.env.BENCH_STORE || "pglite"})`, (arg) =>
  benchReadTasks({ tasks: arg("tasks"), samples: arg("samples") }),
);
