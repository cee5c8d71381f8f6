// The read side at scale (issue 6): seeds 50 000 contacts and 1 000 000 activities into a
// fresh store — PGlite, or PostgreSQL with BENCH_STORE=postgres — (one person with a 10 000-item timeline), then times the API route
// handlers — parse, query, JSON — for the timeline's first page, a deep cursor, a filtered
// page, the facet counts and the contact search, and prints p50/p95 beside the targets.
//
//   npx tsx --conditions=react-server bench/read-timeline.ts [--contacts 50000 --activities 1000000 --samples 200]
//
// bench/read.ts calls `benchReadTimeline()`; run alone, this file prints its own table.
import { sql } from "drizzle-orm";
import { atMost, info, percentile, rssMb, sample, type Figure } from "./figures";
import { benchCaller, runAlone, runReadBench, type Handler, type ReadBenchOptions } from "./route-bench";

export interface ReadTimelineOptions extends ReadBenchOptions {
  contacts?: number;
  activities?: number;
  /** Items on the busy person's timeline (activities; 40 tasks come on top). */
  busy?: number;
}

export function benchReadTimeline(opts: ReadTimelineOptions = {}): Promise<Figure[]> {
  const contacts = opts.contacts ?? 50_000;
  const activities = opts.activities ?? 1_000_000;
  const busy = opts.busy ?? 10_000;
  return runReadBench("read", opts, 200, async ({ db, figures, n, log, queryRows, store }) => {
    // The route handlers open the store from the env: runReadBench has pointed it here.
    const contactsRoute = await import("@/app/api/v1/contacts/route");
    const timelineRoute = await import("@/app/api/v1/contacts/[id]/timeline/route");
    const facetsRoute = await import("@/app/api/v1/contacts/[id]/timeline/facets/route");
    const t0 = performance.now();
    await seedReadWorld(db, { contacts, activities, busy, log });
    const seedSeconds = (performance.now() - t0) / 1000;
    figures.push(
      info("read bench: seed", seedSeconds, "s", `${contacts} contacts, ${activities} activities on ${store}`),
    );

    const fetchText = await benchCaller(db, "read bench");
    const call = async (handler: Handler, url: string, params: Record<string, string> = {}) =>
      JSON.parse(await fetchText(handler, url, params)) as { data: unknown[]; nextCursor: string | null };
    const timeline = (id: string, query: string) =>
      call(timelineRoute.GET as Handler, `/api/v1/contacts/${id}/timeline?${query}`, { id });

    // Deep cursors: walk the busy person's whole timeline once, keep the cursors past 80 %.
    const cursors: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p = await timeline("c_busy", `limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      cursor = p.nextCursor;
      pages++;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    const deep = cursors.slice(Math.floor(cursors.length * 0.8));
    figures.push(info("timeline: busy person", busy + 40, "items", `${pages} pages of 50`));

    const ordinary = await queryRows<{ id: string }>(
      db,
      sql`select id from contacts where id <> 'c_busy' order by id limit 200`,
    );
    const first = await sample(n, (i) => timeline(i % 2 ? "c_busy" : ordinary[i % ordinary.length]!.id, "limit=50"));
    figures.push(
      atMost("timeline API first page p50", percentile(first, 50), "ms", 50),
      atMost("timeline API first page p95", percentile(first, 95), "ms", 50),
    );
    const deepMs = await sample(n, (i) =>
      timeline("c_busy", `limit=50&cursor=${encodeURIComponent(deep[i % deep.length]!)}`),
    );
    figures.push(
      atMost("timeline API deep cursor p50", percentile(deepMs, 50), "ms", 50),
      atMost(
        "timeline API deep cursor p95",
        percentile(deepMs, 95),
        "ms",
        50,
        `pages ${pages - deep.length}–${pages} of ${pages}`,
      ),
    );
    const filtered = await sample(n, (i) =>
      timeline(
        "c_busy",
        [
          "vendors=close&kinds=email_replied",
          "kinds=task",
          "q=subject%2012",
          "from=2026-03-01&to=2026-03-31&tz=Europe/Paris&bots=exclude",
        ][i % 4]!,
      ),
    );
    figures.push(
      atMost(
        "timeline API filtered page p95",
        percentile(filtered, 95),
        "ms",
        50,
        "vendor+kind, tasks only, text, date range",
      ),
    );
    const facets = await sample(Math.min(n, 60), () =>
      call(facetsRoute.GET as Handler, "/api/v1/contacts/c_busy/timeline/facets?vendors=close", { id: "c_busy" }),
    );
    figures.push(
      info(
        "timeline facets (10 000 items) p95",
        percentile(facets, 95),
        "ms",
        "loaded beside the list, never blocks it",
      ),
    );

    const terms = ["ada", "lovelace", "acme", "ada acme", "person12345", "zzz-nobody", "globex labs", "@busy"];
    const search = await sample(n, (i) =>
      call(contactsRoute.GET as Handler, `/api/v1/contacts?limit=50&q=${encodeURIComponent(terms[i % terms.length]!)}`),
    );
    figures.push(
      atMost("contact search p50", percentile(search, 50), "ms", 50),
      atMost(
        "contact search p95",
        percentile(search, 95),
        "ms",
        50,
        `${contacts} contacts; terms common, rare and absent`,
      ),
    );
    const listFirst = await sample(n, (i) =>
      call(contactsRoute.GET as Handler, `/api/v1/contacts?limit=50${i % 2 ? "&vendor=leadlex" : ""}`),
    );
    figures.push(atMost("contact list first page p95", percentile(listFirst, 95), "ms", 50));
    // Walk about 80 % of the list in 40 pages at most; a quick run's small world gets small pages,
    // so it still has cursors to sample.
    const walkPage = Math.max(10, Math.min(500, Math.floor(contacts / 50)));
    const listCursors: string[] = [];
    let lc: string | null = null;
    for (let i = 0; i < 40; i++) {
      const p = await call(
        contactsRoute.GET as Handler,
        `/api/v1/contacts?limit=${walkPage}${lc ? `&cursor=${encodeURIComponent(lc)}` : ""}`,
      );
      lc = p.nextCursor;
      if (!lc) break;
      listCursors.push(lc);
    }
    const listDeep = await sample(n, (i) =>
      call(
        contactsRoute.GET as Handler,
        `/api/v1/contacts?limit=50&cursor=${encodeURIComponent(listCursors[listCursors.length - 1 - (i % 10)]!)}`,
      ),
    );
    figures.push(
      atMost(
        "contact list deep cursor p95",
        percentile(listDeep, 95),
        "ms",
        50,
        `~${listCursors.length * walkPage} rows in`,
      ),
    );
    figures.push(info("read bench: RSS", rssMb(), "MB"));
  });
}

/**
 * The fixture, generated inside the database (far faster than inserting from JS): people
 * with one to three vendor records, ~20 activities each, one busy person, some tasks.
 */
export async function seedReadWorld(
  db: import("@/lib/server/store/db").Db,
  o: { contacts: number; activities: number; busy: number; log?: (line: string) => void },
): Promise<void> {
  const log = o.log ?? (() => {});
  await db.execute(sql`insert into connections (id, vendor, label, key_ciphertext, key_hint)
    values ('conn_lemlist','lemlist','lemlist','x','••••'),('conn_smartlead','smartlead','Smartlead','x','••••'),
           ('conn_close','close','Close','x','••••'),('conn_leadlex','leadlex','Leadlex','x','••••') on conflict do nothing`);
  await db.execute(sql`insert into campaigns (id, connection_id, vendor, vendor_id, name, status)
    select v || ':cam_' || g, 'conn_' || v, v, 'cam_' || g, 'Campaign ' || g, 'active'
    from generate_series(1, 10) g cross join unnest(array['lemlist','smartlead','close','leadlex']) v on conflict do nothing`);
  const first = sql`(array['Ada','Bruno','Chloé','Dmitri','Elena','Farid','Grace','Hiro','Inès','Jonas','Kemi','Liam','Maya','Noah','Olga','Pablo'])`;
  const last = sql`(array['Lovelace','Martin','Dubois','Ivanov','Rossi','Haddad','Hopper','Tanaka','Moreau','Berg','Adeyemi','Walsh','Patel','Nguyen'])`;
  const company = sql`(array['Acme','Globex','Initech','Umbrella','Hooli','Vandelay','Stark','Wayne','Soylent','Tyrell','Cyberdyne'])`;
  await db.execute(sql`insert into contacts (id, email, name, company)
    select 'c_' || lpad(g::text, 6, '0'),
           'person' || g || '@example' || (g % 97) || '.test',
           ${first}[1 + g % 16] || ' ' || ${last}[1 + (g / 16) % 14],
           ${company}[1 + (g / 7) % 11] || ' ' || (array['Labs','Systems','Analytics','Cloud'])[1 + g % 4]
    from generate_series(1, ${o.contacts}) g`);
  await db.execute(
    sql`insert into contacts (id, email, name, company) values ('c_busy', 'busy@busy.test', 'Busy Person', 'Busy Co')`,
  );
  await db.execute(sql`insert into contact_identities (vendor, vendor_id, connection_id, contact_id, kind)
    select v, v || '_' || g, 'conn_' || v, 'c_' || lpad(g::text, 6, '0'), 'contact'
    from generate_series(1, ${o.contacts}) g
    cross join unnest(array['lemlist','smartlead','close','leadlex']) with ordinality as u(v, k)
    where k = 1 + g % 4 or (g % 3 = 0 and k = 1 + (g + 1) % 4) or (g % 9 = 0 and k = 1 + (g + 2) % 4)`);
  await db.execute(sql`insert into contact_identities (vendor, vendor_id, connection_id, contact_id, kind)
    select v, v || '_busy', 'conn_' || v, 'c_busy', 'contact' from unnest(array['lemlist','smartlead','close','leadlex']) v`);
  log(`read bench: ${o.contacts} contacts seeded`);

  const kinds = sql`(array['email_sent','email_opened','email_clicked','email_replied','email_bounced','linkedin_visit','linkedin_invite_sent','call','note','status_change','meeting','email_opened'])`;
  const rest = o.activities - o.busy;
  const chunk = 100_000;
  for (let from = 1; from <= rest; from += chunk) {
    const to = Math.min(rest, from + chunk - 1);
    // Spread over the contacts by a multiplicative hash so each person's rows are scattered on disk, as after real syncs.
    await db.execute(sql`insert into activities (id, connection_id, vendor, vendor_type, kind, channel, direction, occurred_at, contact_id, campaign_id, sequence_step, subject, preview, bot)
      select v || ':act_' || g, 'conn_' || v, v, 'x', ${kinds}[1 + (g / 5) % 12], 'email', 'outbound',
             timestamptz '2026-01-01T00:00:00Z' + ((g * 2654435761::bigint) % 31536000) * interval '1 second',
             'c_' || lpad((1 + (g * 40503::bigint) % ${o.contacts})::text, 6, '0'),
             case when g % 3 = 0 then v || ':cam_' || (1 + g % 10) end, 1 + g % 5,
             'Subject ' || (g % 1000), 'Preview of message ' || g, g % 13 = 0
      from generate_series(${from}::bigint, ${to}::bigint) g
      cross join lateral (select (array['lemlist','smartlead','close','leadlex'])[1 + g % 4] as v) x`);
    log(`read bench: ${to} activities seeded`);
  }
  await db.execute(sql`insert into activities (id, connection_id, vendor, vendor_type, kind, channel, direction, occurred_at, contact_id, campaign_id, sequence_step, subject, bot)
    select v || ':busy_' || g, 'conn_' || v, v, 'x', ${kinds}[1 + g % 12], 'email', 'outbound',
           timestamptz '2026-01-01T00:00:00Z' + ((g / 3) * interval '47 minutes'), 'c_busy',
           case when g % 5 = 0 then v || ':cam_' || (1 + g % 10) end, 1 + g % 4, 'Subject ' || g, g % 11 = 0
    from generate_series(1, ${o.busy}) g
    cross join lateral (select (array['lemlist','smartlead','close','leadlex'])[1 + g % 4] as v) x`);
  await db.execute(sql`insert into tasks (id, connection_id, vendor, vendor_type, type, title, status, due_at, due_date, due_is_date_only, contact_id, created_at)
    select v || ':task_' || g, 'conn_' || v, v, 'manual', 'manual', 'Task ' || g,
           case when g % 3 = 0 then 'done' else 'open' end,
           timestamptz '2026-01-01T00:00:00Z' + ((g * 7919) % 400) * interval '1 day',
           case when g % 4 = 0 then date '2026-01-01' + (g * 7919) % 400 end, g % 4 = 0,
           case when g <= 40 then 'c_busy' else 'c_' || lpad((1 + (g * 104729::bigint) % ${o.contacts})::text, 6, '0') end,
           timestamptz '2025-12-01T00:00:00Z' + (g % 300) * interval '1 day'
    from generate_series(1, 20000) g
    cross join lateral (select (array['lemlist','close','leadlex'])[1 + g % 3] as v) x`);
  await db.execute(sql`update contacts c set last_activity_at = m.last
    from (select contact_id, max(occurred_at) as last from activities group by contact_id) m where c.id = m.contact_id`);
  await db.execute(sql`analyze`);
  log("read bench: activities, tasks and last activity seeded; analyzed");
}

// Run alone: print the table.
await runAlone(import.meta.url, `Contact timeline and search (${process.env.BENCH_STORE || "pglite"})`, (arg) =>
  benchReadTimeline({ contacts: arg("contacts"), activities: arg("activities"), samples: arg("samples") }),
);
