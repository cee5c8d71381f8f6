import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { utcMidnightMs } from "@/lib/dates/calendar";
import { type DueClock, dueClock } from "@/lib/dates/due";
import { calendarDateIn, startOfDayIn } from "@/lib/dates/zone";
import {
  type TaskListItem,
  encodeTasksCursor,
  type TasksCursor,
  type TaskSort,
  type TasksPage,
  type TasksQuery,
} from "@/lib/model/tasks-query";
import { type Db, queryRows } from "../../store/db";
import { and, DAY_MS, day, DUE_DAY, type TasksContext, ts, whereSql } from "./conditions";
import { loadTasks } from "./rows";
// Pages in due order: the keyset walk over the due index (timed, date-only and undated
// streams merged), the small-set shortcut, the total, and the CSV iterator.

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
