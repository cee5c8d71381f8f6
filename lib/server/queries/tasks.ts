import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { addDays, utcMidnightMs } from "@/lib/dates/calendar";
import { type DueClock, dueClock, type DueWindow, groupWindow, presetWindow } from "@/lib/dates/due";
import { calendarDateIn, startOfDayIn } from "@/lib/dates/zone";
import type { TaskStatus } from "@/lib/model/task";
import {
  type FacetOption,
  NO_CAMPAIGN,
  TASK_STATUS_LABELS,
  TASK_TYPE_LABELS,
  type TaskFacets,
  type TaskListItem,
  encodeTasksCursor,
  type TasksCursor,
  type TaskSort,
  type TasksPage,
  type TasksQuery,
  UNASSIGNED,
  ASSIGNEE_ME,
} from "@/lib/model/tasks-query";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { type Db, queryRows } from "../store/db";

// Read side of the tasks page and API (API.md "Tasks").
//
// Due windows come from lib/dates (the one definition of "today", "overdue", "this week"
// in a zone); this file turns them into SQL. A date-only task is compared by its calendar
// day (`due_date`), a timed task by its instant (`due_at`) against the zone's day
// boundaries computed in JS. Every window also bounds `due_at` coarsely — date-only rows
// carry midnight UTC of their day there — so the partial index `(due_at) where status =
// 'open'` can narrow the scan; the exact test follows it.

export interface TasksContext {
  /** The instant "now" (injectable for tests); defaults to the clock. */
  now?: Date | number;
  /** Most matches read in one scan for a narrow filter (see `smallSet`); 0 always walks the index. */
  smallSetLimit?: number;
}

const DAY_MS = 86_400_000;

const and = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` and `) : sql`true`);
const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
const day = (d: string) => sql`${d}::date`;
const inList = (col: SQL, values: readonly string[]) =>
  sql`${col} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/** The calendar day of a date-only task (its `due_date`; midnight UTC of `due_at` as a fallback). */
const DUE_DAY = sql.raw(`coalesce(t.due_date, (t.due_at at time zone 'UTC')::date)`);
const ASSIGNEE_KEY = sql.raw(`coalesce(t.assignee->>'id', t.assignee->>'name')`);

function overdueSql(clock: DueClock): SQL {
  const coarseEnd = Math.max(clock.nowMs, utcMidnightMs(clock.today)) + DAY_MS;
  return sql`(t.due_at < ${ts(coarseEnd)} and ((t.due_is_date_only and ${DUE_DAY} < ${day(clock.today)}) or (not t.due_is_date_only and t.due_at < ${ts(clock.nowMs)})))`;
}

export function dueWindowSql(window: DueWindow, clock: DueClock): SQL {
  switch (window.kind) {
    case "all":
      return sql`true`;
    case "none":
      return sql`t.due_at is null`;
    case "overdue":
      return overdueSql(clock);
    case "range": {
      const coarse: SQL[] = [sql`t.due_at is not null`];
      const dateOnly: SQL[] = [sql`t.due_is_date_only`];
      const timed: SQL[] = [sql`not t.due_is_date_only`];
      if (window.from !== null) {
        const start = startOfDayIn(window.from, clock.tz);
        dateOnly.push(sql`${DUE_DAY} >= ${day(window.from)}`);
        timed.push(sql`t.due_at >= ${ts(start)}`);
        coarse.push(sql`t.due_at >= ${ts(Math.min(start, utcMidnightMs(window.from)) - DAY_MS)}`);
      }
      if (window.to !== null) {
        const end = startOfDayIn(addDays(window.to, 1), clock.tz);
        dateOnly.push(sql`${DUE_DAY} <= ${day(window.to)}`);
        timed.push(sql`t.due_at < ${ts(end)}`);
        coarse.push(sql`t.due_at < ${ts(Math.max(end, utcMidnightMs(window.to) + DAY_MS) + DAY_MS)}`);
      }
      const exact = sql`((${and(dateOnly)}) or (${and(timed)}))`;
      return and([
        ...(window.openOnly ? [sql.raw(`t.status = 'open'`)] : []),
        ...coarse,
        exact,
        ...(window.notOverdue ? [sql`not ${overdueSql(clock)}`] : []),
      ]);
    }
  }
}

/** The due window a query asks for: `dueFrom`/`dueTo` override the `due` preset. */
export function queryWindow(q: Pick<TasksQuery, "due" | "dueFrom" | "dueTo">, clock: DueClock): DueWindow {
  if (q.dueFrom || q.dueTo) return { kind: "range", from: q.dueFrom ?? null, to: q.dueTo ?? null };
  return presetWindow(q.due, clock);
}

type Dimension = "status" | "vendors" | "types" | "assignee" | "campaignId" | "due" | "group";

/** `assignee=me`: the caller's linked vendor users, resolved by the route (lib/server/identities/me.ts). */
export type TasksQueryWithMe = TasksQuery & { me?: { vendor: string; vendorUserId: string }[] };

/** Tasks assigned to any of these vendor users (none: no task). */
function assignedToSql(me: { vendor: string; vendorUserId: string }[]): SQL {
  if (!me.length) return sql`false`;
  return sql`(t.vendor, t.assignee->>'id') in (${sql.join(
    me.map((i) => sql`(${i.vendor}, ${i.vendorUserId})`),
    sql`, `,
  )})`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The conditions of a query by dimension (absent = no condition), for the list and for facets. */
function conditions(q: TasksQueryWithMe, clock: DueClock): Partial<Record<Dimension | "base", SQL>> {
  const out: Partial<Record<Dimension | "base", SQL>> = {};
  if (q.status.length < 3) {
    // A literal `status = 'open'` lets the planner use the partial index on open tasks.
    out.status =
      q.status.length === 1 && q.status[0] === "open" ? sql.raw(`t.status = 'open'`) : inList(sql`t.status`, q.status);
  }
  const w = queryWindow(q, clock);
  if (w.kind !== "all") out.due = dueWindowSql(w, clock);
  if (q.group) out.group = dueWindowSql(groupWindow(q.group, clock), clock);
  if (q.vendors?.length) out.vendors = inList(sql`t.vendor`, q.vendors);
  if (q.types?.length) out.types = inList(sql`t.type`, q.types);
  if (q.assignee?.length) {
    const ids = q.assignee.filter((a) => a !== UNASSIGNED && a !== ASSIGNEE_ME);
    const alts: SQL[] = [];
    if (ids.length) alts.push(inList(ASSIGNEE_KEY, ids));
    if (q.assignee.includes(UNASSIGNED)) alts.push(sql`${ASSIGNEE_KEY} is null`);
    if (q.assignee.includes(ASSIGNEE_ME)) alts.push(assignedToSql(q.me ?? []));
    out.assignee = sql`(${sql.join(alts, sql` or `)})`;
  }
  if (q.campaignId?.length) {
    const ids = q.campaignId.filter((c) => c !== NO_CAMPAIGN);
    const alts: SQL[] = [];
    if (ids.length) alts.push(inList(sql`t.campaign_id`, ids));
    if (ids.length < q.campaignId.length) alts.push(sql`t.campaign_id is null`);
    out.campaignId = sql`(${sql.join(alts, sql` or `)})`;
  }
  const base: SQL[] = [];
  if (q.contactId) base.push(sql`t.contact_id = ${q.contactId}`);
  if (q.q) {
    // People and campaigns are matched first (small tables), so the tasks scan needs no join.
    const p = `%${escapeLike(q.q)}%`;
    base.push(sql`(t.title ilike ${p} or t.body ilike ${p}
      or t.contact_id in (select id from contacts where name ilike ${p} or email ilike ${p})
      or t.campaign_id in (select id from campaigns where name ilike ${p}))`);
  }
  if (base.length) out.base = and(base);
  return out;
}

function whereSql(q: TasksQueryWithMe, clock: DueClock): SQL {
  return and(Object.values(conditions(q, clock)));
}

// ── Pages ────────────────────────────────────────────────────────────────────────────
//
// Order: by the due date as the viewer's zone sees it (a date-only task at the start of
// its day), no due date last, ties by id (byte order). That key depends on the zone, so
// no index has it — but within timed tasks it is the order of `due_at`, and within
// date-only tasks too (their `due_at` is midnight UTC of the day). So a page is the merge
// of two index-ordered streams (then the tasks without a due date), each read from the
// keyset position onwards with a LIMIT: a page costs a few index range scans whatever
// the table size. Priority sorts run the same per priority, highest first.

/** Sort key of tasks without a due date: after every real instant in ms. */
const LAST = Number.MAX_SAFE_INTEGER;

interface Position {
  rank: number;
  key: number;
  id: string;
}

interface Segment {
  rank: number;
  filter: SQL | null;
}

function segmentsOf(sort: TaskSort): Segment[] {
  const by = (order: (string | null)[]) =>
    order.map((p, rank) => ({
      rank,
      filter: p === null ? sql.raw(`t.priority is null`) : sql.raw(`t.priority = '${p}'`),
    }));
  if (sort === "priority") return by(["high", "medium", "low", null]);
  if (sort === "-priority") return by(["low", "medium", "high", null]);
  return [{ rank: 0, filter: null }];
}

interface NarrowRow {
  id: string;
  due_at: Date | string | null;
  day: string | null;
  date_only: boolean;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function comparePositions(a: Position, b: Position): number {
  return a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || byteOrder(a.id, b.id);
}

const dayStarts = new Map<string, number>();
/** Start of a day in a zone, memoised (a page or an export meets the same few days again and again). */
function dayStart(day: string, tz: string): number {
  const k = `${tz}|${day}`;
  let v = dayStarts.get(k);
  if (v === undefined) {
    if (dayStarts.size > 50_000) dayStarts.clear();
    dayStarts.set(k, (v = startOfDayIn(day, tz)));
  }
  return v;
}

function keyOf(row: NarrowRow, tz: string, desc: boolean): number {
  if (row.due_at === null) return LAST;
  const ms = row.date_only
    ? dayStart(row.day ?? new Date(row.due_at).toISOString().slice(0, 10), tz)
    : new Date(row.due_at).getTime();
  return desc ? -ms : ms;
}

const RANKS: Record<TaskSort, Record<string, number>> = {
  dueAt: {},
  "-dueAt": {},
  priority: { high: 0, medium: 1, low: 2 },
  "-priority": { low: 0, medium: 1, high: 2 },
};
const rankOf = (sort: TaskSort, priority: string | null) =>
  sort === "dueAt" || sort === "-dueAt" ? 0 : (RANKS[sort][priority ?? ""] ?? 3);

type Stream = "timed" | "dateOnly" | "none";

/** One stream of one segment after `after` (same segment), `limit` rows, in key order. */
async function readStream(
  db: Db,
  where: SQL,
  seg: Segment,
  stream: Stream,
  after: Position | null,
  desc: boolean,
  clock: DueClock,
  limit: number,
): Promise<NarrowRow[]> {
  const parts: SQL[] = [where];
  if (seg.filter) parts.push(seg.filter);
  const afterKey = after?.key ?? null;
  if (stream === "none") {
    parts.push(sql`t.due_at is null`);
    if (afterKey === LAST) parts.push(sql`t.id collate "C" > ${after!.id}`);
  } else {
    if (afterKey === LAST) return []; // already among the tasks without a due date
    parts.push(
      stream === "timed"
        ? sql`not t.due_is_date_only and t.due_at is not null`
        : sql`t.due_is_date_only and t.due_at is not null`,
    );
    if (after && afterKey !== null) {
      const instant = desc ? -afterKey : afterKey;
      if (stream === "timed") {
        parts.push(
          desc
            ? sql`t.due_at <= ${ts(instant)} and (t.due_at < ${ts(instant)} or t.id collate "C" > ${after.id})`
            : sql`t.due_at >= ${ts(instant)} and (t.due_at > ${ts(instant)} or t.id collate "C" > ${after.id})`,
        );
      } else {
        // Days whose start in the zone lies after (before, descending) the position's instant.
        const d = calendarDateIn(instant, clock.tz);
        const exact = startOfDayIn(d, clock.tz) === instant;
        if (desc) {
          const strict = exact ? sql`${DUE_DAY} < ${day(d)}` : sql`${DUE_DAY} <= ${day(d)}`;
          parts.push(sql`t.due_at < ${ts(utcMidnightMs(d) + 2 * DAY_MS)}`);
          parts.push(exact ? sql`(${strict} or (${DUE_DAY} = ${day(d)} and t.id collate "C" > ${after.id}))` : strict);
        } else {
          parts.push(sql`t.due_at >= ${ts(utcMidnightMs(d) - DAY_MS)}`);
          parts.push(
            exact
              ? sql`(${DUE_DAY} > ${day(d)} or (${DUE_DAY} = ${day(d)} and t.id collate "C" > ${after.id}))`
              : sql`${DUE_DAY} > ${day(d)}`,
          );
        }
      }
    }
  }
  const order =
    stream === "none"
      ? sql`t.id collate "C"`
      : desc
        ? sql`t.due_at desc, t.id collate "C"`
        : sql`t.due_at, t.id collate "C"`;
  return queryRows<NarrowRow>(
    db,
    sql`select t.id, t.due_at, ${DUE_DAY}::text as day, t.due_is_date_only as date_only
        from tasks t where ${and(parts)} order by ${order} limit ${limit}`,
  );
}

/** The next `count` positions after `after`, in order. */
async function nextPositions(
  db: Db,
  q: TasksQuery,
  clock: DueClock,
  after: Position | null,
  count: number,
): Promise<Position[]> {
  const where = whereSql(q, clock);
  const desc = q.sort === "-dueAt";
  const out: Position[] = [];
  for (const seg of segmentsOf(q.sort)) {
    if (after && seg.rank < after.rank) continue;
    const from = after && seg.rank === after.rank ? after : null;
    const need = count - out.length;
    const [timed, dateOnly] = await Promise.all([
      readStream(db, where, seg, "timed", from, desc, clock, need),
      readStream(db, where, seg, "dateOnly", from, desc, clock, need),
    ]);
    const merged = [...timed, ...dateOnly]
      .map((r) => ({ rank: seg.rank, key: keyOf(r, clock.tz, desc), id: r.id }))
      .sort(comparePositions)
      .slice(0, need);
    out.push(...merged);
    if (out.length < count) {
      const none = await readStream(db, where, seg, "none", from, desc, clock, count - out.length);
      out.push(...none.map((r) => ({ rank: seg.rank, key: LAST, id: r.id })));
    }
    if (out.length >= count) break;
  }
  return out;
}

interface TaskRow {
  id: string;
  connection_id: string;
  vendor: string;
  vendor_type: string;
  type: string;
  title: string;
  body: string | null;
  status: string;
  due_at: Date | string | null;
  due_date: string | null;
  due_is_date_only: boolean;
  priority: string | null;
  assignee: { id: string | null; name: string | null } | null;
  contact_id: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  url: string | null;
  created_at: Date | string | null;
  raw: unknown;
  c_name: string | null;
  c_email: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function toItem(r: TaskRow): TaskListItem {
  return {
    id: r.id,
    connectionId: r.connection_id,
    vendor: r.vendor as Vendor,
    vendorType: r.vendor_type,
    type: r.type,
    title: r.title,
    body: r.body,
    status: r.status as TaskStatus,
    dueAt: iso(r.due_at),
    dueDate: r.due_date,
    dueIsDateOnly: r.due_is_date_only,
    priority: (r.priority as TaskListItem["priority"]) ?? null,
    assignee:
      r.assignee && (r.assignee.id || r.assignee.name)
        ? { id: r.assignee.id ?? null, name: r.assignee.name ?? null }
        : null,
    contactId: r.contact_id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    url: r.url,
    createdAt: iso(r.created_at),
    raw: r.raw,
    contact: r.contact_id ? { id: r.contact_id, name: r.c_name, email: r.c_email } : null,
  };
}

export async function loadTasks(db: Db, ids: string[]): Promise<TaskListItem[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<TaskRow>(
    db,
    sql`select t.id, t.connection_id, t.vendor, t.vendor_type, t.type, t.title, t.body, t.status,
          t.due_at, t.due_date::text as due_date, t.due_is_date_only, t.priority, t.assignee,
          t.contact_id, t.campaign_id, k.name as campaign_name, t.url, t.created_at, t.raw,
          c.name as c_name, c.email as c_email
        from tasks t
        left join contacts c on c.id = t.contact_id
        left join campaigns k on k.id = t.campaign_id
        where ${inList(sql`t.id`, ids)}`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toItem(r)] : [];
  });
}

const toCursor = (q: TasksQuery, p: Position): TasksCursor => ({ s: q.sort, k: [p.rank, p.key], id: p.id });
const fromCursor = (c: TasksCursor | undefined): Position | null =>
  c ? { rank: c.k[0], key: c.k[1], id: c.id } : null;

/**
 * A narrow filter (a campaign, an assignee, a contact, a text search) matches few tasks, and
 * walking the due index for them reads far more rows than it keeps. Then one scan reads
 * every match (at most SMALL), and the order, the page and the total are computed here.
 */
const SMALL = 2000;

function likelySmall(q: TasksQuery): boolean {
  // Due windows are ranges of the index already: only filters the index cannot narrow count here.
  return !!(q.campaignId?.length || q.assignee?.length || q.contactId || q.q);
}

async function smallSet(db: Db, q: TasksQuery, clock: DueClock, ctx: TasksContext): Promise<Position[] | null> {
  const cap = ctx.smallSetLimit ?? SMALL;
  if (cap <= 0 || !likelySmall(q)) return null;
  const rows = await queryRows<NarrowRow & { priority: string | null }>(
    db,
    sql`select t.id, t.due_at, ${DUE_DAY}::text as day, t.due_is_date_only as date_only, t.priority
        from tasks t where ${whereSql(q, clock)} limit ${cap + 1}`,
  );
  if (rows.length > cap) return null;
  const desc = q.sort === "-dueAt";
  return rows
    .map((r) => ({ rank: rankOf(q.sort, r.priority), key: keyOf(r, clock.tz, desc), id: r.id }))
    .sort(comparePositions);
}

async function fetchPage(
  db: Db,
  q: TasksQuery,
  clock: DueClock,
  limit: number,
  after: Position | null,
  known?: Position[] | null,
) {
  let positions: Position[];
  if (known) {
    const start = after ? known.findIndex((p) => comparePositions(p, after) > 0) : 0;
    positions = start < 0 ? [] : known.slice(start, start + limit + 1);
  } else positions = await nextPositions(db, q, clock, after, limit + 1);
  const page = positions.slice(0, limit);
  return {
    items: await loadTasks(
      db,
      page.map((p) => p.id),
    ),
    last: page.at(-1) ?? null,
    more: positions.length > limit,
  };
}

async function countTasks(db: Db, q: TasksQuery, clock: DueClock): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from tasks t where ${whereSql(q, clock)}`,
  );
  return row?.n ?? 0;
}

/** `GET /tasks`: one page of matching tasks, the cursor to the next, and the total. */
export async function listTasks(db: Db, q: TasksQuery, ctx: TasksContext = {}): Promise<TasksPage> {
  const clock = dueClock(q.tz, ctx.now ?? Date.now());
  const after = fromCursor(q.cursor);
  const small = await smallSet(db, q, clock, ctx);
  const [page, total] = small
    ? [await fetchPage(db, q, clock, q.limit, after, small), small.length]
    : await Promise.all([fetchPage(db, q, clock, q.limit, after), countTasks(db, q, clock)]);
  return {
    data: page.items,
    nextCursor: page.more && page.last ? encodeTasksCursor(toCursor(q, page.last)) : null,
    total,
  };
}

/** Every matching task in order, in batches (the CSV export); one "now" for the whole walk. */
export async function* iterateTasks(
  db: Db,
  q: TasksQuery,
  ctx: TasksContext = {},
  batch = 1000,
): AsyncGenerator<TaskListItem[]> {
  const clock = dueClock(q.tz, ctx.now ?? Date.now());
  const small = await smallSet(db, q, clock, ctx);
  let after: Position | null = null;
  for (;;) {
    const page = await fetchPage(db, q, clock, batch, after, small);
    if (page.items.length) yield page.items;
    if (!page.more || !page.last) return;
    after = page.last;
  }
}

// ── Facets ───────────────────────────────────────────────────────────────────────────
//
// Each menu counts its values under every filter but its own. Dimensions without a
// filter share one scan (GROUPING SETS under all filters); each filtered dimension gets
// its own GROUP BY without its filter; the due presets and the grouped view's buckets
// are counted in one more scan. The default view (open tasks, nothing else) is three scans.

const FACET_DIMS = ["vendors", "types", "assignee", "campaignId"] as const;
type FacetDim = (typeof FACET_DIMS)[number] | "status";
const FACET_COLUMN: Record<(typeof FACET_DIMS)[number], string> = {
  vendors: "t.vendor",
  types: "t.type",
  assignee: `coalesce(t.assignee->>'id', t.assignee->>'name')`,
  campaignId: "t.campaign_id",
};
const FACET_LIMIT = 200;

interface FacetCount {
  value: string | null;
  label: string | null;
  n: number;
}

/**
 * Every task falls in exactly one of these classes, from which each preset and each
 * bucket of the grouped view is a sum: one CASE per row instead of thirteen filters.
 */
type DueClass = "none" | "past" | "weekPast" | "todayOverdue" | "today" | "tomorrow" | "week" | "next7" | "later";

function dueClassSql(clock: DueClock): SQL {
  const sod = (d: string) => ts(startOfDayIn(d, clock.tz));
  const afterTomorrow = addDays(clock.tomorrow, 1);
  return sql`case
    when t.due_at is null then 'none'
    when t.due_is_date_only then case
      when ${DUE_DAY} < ${day(clock.weekStart)} then 'past'
      when ${DUE_DAY} < ${day(clock.today)} then 'weekPast'
      when ${DUE_DAY} = ${day(clock.today)} then 'today'
      when ${DUE_DAY} = ${day(clock.tomorrow)} then 'tomorrow'
      when ${DUE_DAY} <= ${day(clock.weekEnd)} then 'week'
      when ${DUE_DAY} <= ${day(clock.next7End)} then 'next7'
      else 'later' end
    else case
      when t.due_at < ${ts(clock.nowMs)} then case
        when t.due_at >= ${sod(clock.today)} then 'todayOverdue'
        when t.due_at >= ${sod(clock.weekStart)} then 'weekPast'
        else 'past' end
      when t.due_at < ${sod(clock.tomorrow)} then 'today'
      when t.due_at < ${sod(afterTomorrow)} then 'tomorrow'
      when t.due_at < ${sod(addDays(clock.weekEnd, 1))} then 'week'
      when t.due_at < ${sod(addDays(clock.next7End, 1))} then 'next7'
      else 'later' end
    end`;
}

function dueCountsFrom(
  rows: { status: string; class: DueClass; w: boolean; n: number }[],
  clock: DueClock,
): Pick<TaskFacets, "due" | "groups"> {
  const all = {
    none: 0,
    past: 0,
    weekPast: 0,
    todayOverdue: 0,
    today: 0,
    tomorrow: 0,
    week: 0,
    next7: 0,
    later: 0,
  } satisfies Record<DueClass, number>;
  const inWindow = { ...all };
  // The week preset counts open tasks only (API.md).
  const open = { ...all };
  for (const r of rows) {
    all[r.class] += r.n;
    if (r.w) inWindow[r.class] += r.n;
    if (r.status === "open") open[r.class] += r.n;
  }
  const c = all;
  const o = open;
  const tomorrowInWeek = clock.tomorrow <= clock.weekEnd ? o.tomorrow : 0;
  return {
    // Overdue and today are disjoint; this week runs Monday to Sunday, its past days included.
    due: {
      overdue: c.past + c.weekPast + c.todayOverdue,
      today: c.today,
      tomorrow: c.tomorrow,
      week: o.weekPast + o.todayOverdue + o.today + tomorrowInWeek + o.week,
      next7: c.today + c.tomorrow + c.week + c.next7,
      none: c.none,
      all: Object.values(c).reduce((a, b) => a + b, 0),
    },
    groups: {
      overdue: inWindow.past + inWindow.weekPast + inWindow.todayOverdue,
      today: inWindow.today,
      tomorrow: inWindow.tomorrow,
      week: inWindow.week,
      later: inWindow.next7 + inWindow.later,
      none: inWindow.none,
    },
  };
}

/** `GET /tasks/facets`: counts for the filter menus, the due presets and the grouped view. */
export async function taskFacets(db: Db, q: TasksQuery, ctx: TasksContext = {}): Promise<TaskFacets> {
  const clock = dueClock(q.tz, ctx.now ?? Date.now());
  const cond = conditions(q, clock);
  const whereBut = (...skip: Dimension[]) =>
    and(Object.entries(cond).flatMap(([d, c]) => (skip.includes(d as Dimension) || d === "group" ? [] : [c])));
  const label = (d: (typeof FACET_DIMS)[number]) => (d === "assignee" ? sql`max(t.assignee->>'name')` : sql`null`);

  const unfiltered = FACET_DIMS.filter((d) => !cond[d]);
  const filtered = FACET_DIMS.filter((d) => cond[d]);

  const shared = unfiltered.length
    ? queryRows<FacetCount & { dim: number }>(
        db,
        sql`select ${sql.raw(`case ${unfiltered.map((d, i) => `when grouping(${FACET_COLUMN[d]}) = 0 then ${i}`).join(" ")} end`)} as dim,
              coalesce(${sql.raw(unfiltered.map((d) => FACET_COLUMN[d]).join(", "))}) as value,
              max(t.assignee->>'name') as label, count(*)::int as n
            from tasks t where ${whereBut()}
            group by grouping sets (${sql.raw(unfiltered.map((d) => `(${FACET_COLUMN[d]})`).join(", "))})`,
      )
    : Promise.resolve([]);
  const own = filtered.map((d) =>
    queryRows<FacetCount>(
      db,
      sql`select ${sql.raw(FACET_COLUMN[d])} as value, ${label(d)} as label, count(*)::int as n
          from tasks t where ${whereBut(d)} group by 1`,
    ),
  );
  // Statuses and due dates in one scan: the status menu counts rows in the due window,
  // the presets count rows of the chosen statuses.
  const window = queryWindow(q, clock);
  const dueRows = queryRows<{ status: string; class: DueClass; w: boolean; s: boolean; n: number }>(
    db,
    sql`select t.status, ${dueClassSql(clock)} as class, ${window.kind === "all" ? sql`true` : dueWindowSql(window, clock)} as w,
          ${cond.status ?? sql`true`} as s, count(*)::int as n
        from tasks t where ${whereBut("due", "status")} group by 1, 2, 3, 4`,
  );

  const [sharedRows, ownRows, dueClasses] = await Promise.all([shared, Promise.all(own), dueRows]);
  const { due, groups } = dueCountsFrom(
    dueClasses.filter((r) => r.s),
    clock,
  );
  const counts = Object.fromEntries([...FACET_DIMS, "status"].map((dim) => [dim, [] as FacetCount[]])) as Record<
    FacetDim,
    FacetCount[]
  >;
  const byStatus = new Map<string, number>();
  for (const r of dueClasses) if (r.w) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
  counts.status = [...byStatus].map(([value, n]) => ({ value, label: null, n }));
  for (const r of sharedRows) counts[unfiltered[Number(r.dim)]!].push(r);
  filtered.forEach((dim, i) => counts[dim].push(...ownRows[i]!));
  const top = (dim: FacetDim) =>
    counts[dim]
      .filter((r) => r.n > 0)
      .sort((a, b) => b.n - a.n || String(a.value).localeCompare(String(b.value)))
      .slice(0, FACET_LIMIT);

  const campaigns = top("campaignId");
  const campaignIds = campaigns.flatMap((r) => (r.value === null ? [] : [r.value]));
  const names = campaignIds.length
    ? new Map(
        (
          await queryRows<{ id: string; name: string }>(
            db,
            sql`select id, name from campaigns where ${inList(sql`id`, campaignIds)}`,
          )
        ).map((c) => [c.id, c.name]),
      )
    : new Map<string, string>();

  const opt = (value: string, text: string, n: number): FacetOption => ({ value, label: text, count: n });
  return {
    vendors: top("vendors").map((r) => opt(r.value ?? "", VENDOR_LABELS[r.value as Vendor] ?? r.value ?? "", r.n)),
    types: top("types").map((r) => opt(r.value ?? "other", TASK_TYPE_LABELS[r.value ?? ""] ?? r.value ?? "Other", r.n)),
    assignees: top("assignee").map((r) =>
      // A vendor that gives only an id gets its first characters rather than a 36-character uuid.
      r.value === null
        ? opt(UNASSIGNED, "Unassigned", r.n)
        : opt(r.value, r.label ?? (r.value.length > 14 ? `${r.value.slice(0, 10)}…` : r.value), r.n),
    ),
    campaigns: campaigns.map((r) =>
      r.value === null ? opt(NO_CAMPAIGN, "No campaign", r.n) : opt(r.value, names.get(r.value) ?? r.value, r.n),
    ),
    statuses: top("status").map((r) =>
      opt(r.value ?? "", TASK_STATUS_LABELS[r.value as TaskStatus] ?? r.value ?? "", r.n),
    ),
    due,
    groups,
    today: clock.today,
    tz: clock.tz,
  };
}
