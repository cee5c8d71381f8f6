import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { addDays } from "@/lib/dates/calendar";
import { type DueClock, dueClock } from "@/lib/dates/due";
import { startOfDayIn } from "@/lib/dates/zone";
import type { TaskStatus } from "@/lib/model/task";
import {
  type FacetOption,
  NO_CAMPAIGN,
  TASK_STATUS_LABELS,
  TASK_TYPE_LABELS,
  type TaskFacets,
  type TasksQuery,
  UNASSIGNED,
} from "@/lib/model/tasks-query";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { type Db, queryRows } from "../../store/db";
import {
  and,
  conditions,
  day,
  type Dimension,
  DUE_DAY,
  dueWindowSql,
  inList,
  queryWindow,
  type TasksContext,
  ts,
} from "./conditions";
// Facet counts for the tasks page's menus and due presets.

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
