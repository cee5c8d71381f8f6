import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { addDays, utcMidnightMs } from "@/lib/dates/calendar";
import { type DueClock, type DueWindow, groupWindow, presetWindow } from "@/lib/dates/due";
import { startOfDayIn } from "@/lib/dates/zone";
import { NO_CAMPAIGN, type TasksQuery, UNASSIGNED, ASSIGNEE_ME } from "@/lib/model/tasks-query";

// Read side of the tasks page and API (API.md "Tasks").
//
// Due windows come from lib/dates (the one definition of "today", "overdue", "this week"
// in a zone); this file turns them into SQL. A date-only task is compared by its calendar
// day (`due_date`), a timed task by its instant (`due_at`) against the zone's day
// boundaries computed in JS. Every window also bounds `due_at` coarsely — date-only rows
// carry midnight UTC of their day there — so the partial index `(due_at) where status =
// 'open'` can narrow the scan; the exact test follows it.

//
// This file: the filters as SQL (where clauses per dimension, due windows).

export interface TasksContext {
  /** The instant "now" (injectable for tests); defaults to the clock. */
  now?: Date | number;
  /** Most matches read in one scan for a narrow filter (see `smallSet`); 0 always walks the index. */
  smallSetLimit?: number;
}

export const DAY_MS = 86_400_000;

export const and = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` and `) : sql`true`);
export const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
export const day = (d: string) => sql`${d}::date`;
export const inList = (col: SQL, values: readonly string[]) =>
  sql`${col} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/** The calendar day of a date-only task (its `due_date`; midnight UTC of `due_at` as a fallback). */
export const DUE_DAY = sql.raw(`coalesce(t.due_date, (t.due_at at time zone 'UTC')::date)`);
export const ASSIGNEE_KEY = sql.raw(`coalesce(t.assignee->>'id', t.assignee->>'name')`);

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

export type Dimension = "status" | "vendors" | "types" | "assignee" | "campaignId" | "due" | "group";

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

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The conditions of a query by dimension (absent = no condition), for the list and for facets. */
export function conditions(q: TasksQueryWithMe, clock: DueClock): Partial<Record<Dimension | "base", SQL>> {
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

export function whereSql(q: TasksQueryWithMe, clock: DueClock): SQL {
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
