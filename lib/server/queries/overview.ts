import "server-only";
import { sql } from "drizzle-orm";
import type { Campaign } from "@/lib/model/campaign";
import { addCalendarDays, calendarDayIn, isoWeekStart, ratesOf } from "@/lib/model/engagement";
import { dueClock, presetWindow } from "@/lib/dates/due";
import type { TaskListItem } from "@/lib/model/tasks-query";
import type { Vendor } from "@/lib/model/vendor";
import { queryRows, type Db } from "../store/db";
import { BUCKET_SUMS, countsOf, type BucketSums } from "./engagement";
import { dueWindowSql, loadTasks } from "./tasks";

// The Overview (home) page: this week against last week, campaigns that need a look,
// tasks due today and the state of each connection. Engagement figures come from the
// rollups through the (bucket) index, so the page stays fast at any number of activities.

export interface WeekFigures {
  sent: number;
  delivered: number;
  replied: number;
  bounced: number;
  replyRate: number | null;
}

export interface OverviewWeek {
  /** The Monday this ISO week started on, in the viewer's zone. */
  weekStart: string;
  thisWeek: WeekFigures;
  /** Last week up to the same moment, so a Wednesday compares with last Monday–Wednesday. */
  lastWeek: WeekFigures;
}

function figuresOf(s: BucketSums | undefined): WeekFigures {
  const c = countsOf(s, "exclude");
  return { sent: c.sent, delivered: c.delivered, replied: c.replied, bounced: c.bounced, replyRate: ratesOf(c).reply };
}

/** Campaign emails sent and replies this ISO week so far (in `tz`) and over the same span of last week. */
export async function overviewWeek(db: Db, tz: string, now = new Date()): Promise<OverviewWeek> {
  const weekStart = isoWeekStart(calendarDayIn(now, tz));
  const nowIso = now.toISOString();
  const rows = await queryRows<BucketSums & { week: "this" | "last" }>(
    db,
    sql`
    with b as (select (${weekStart}::date::timestamp at time zone ${tz}) as this_start, (${addCalendarDays(weekStart, -7)}::date::timestamp at time zone ${tz}) as last_start)
    select case when e.bucket >= b.this_start then 'this' else 'last' end as week, ${BUCKET_SUMS}
    from engagement_buckets e, b
    where e.bucket >= b.last_start and e.bucket < ${nowIso}::timestamptz
      and (e.bucket >= b.this_start or e.bucket < ${nowIso}::timestamptz - interval '7 days')
    group by 1`,
  );
  return {
    weekStart,
    thisWeek: figuresOf(rows.find((r) => r.week === "this")),
    lastWeek: figuresOf(rows.find((r) => r.week === "last")),
  };
}

export interface AttentionItem {
  campaign: { id: string; vendor: Vendor; name: string; status: Campaign["status"] };
  reasons: (
    | { kind: "bounce"; rate: number; bounced: number; sent: number }
    | { kind: "reply_falling"; rate: number; before: number; delivered: number; deliveredBefore: number }
  )[];
}

/** The rules, shown on the page next to each flag. */
export const ATTENTION_RULES = {
  bounceRate: 0.05,
  bounceWindowDays: 30,
  minSent: 20,
  replyWindowDays: 14,
  minDelivered: 30,
  /** Flag when the recent reply rate is below this share of the one before. */
  replyDropRatio: 0.75,
} as const;

/**
 * Campaigns whose bounce rate over the last 30 days is above 5 % (with at least 20 sent),
 * or whose reply rate over the last 14 days fell below three quarters of the 14 days
 * before (with at least 30 delivered in each).
 */
export async function campaignsNeedingAttention(db: Db, now = new Date()): Promise<AttentionItem[]> {
  const r = ATTENTION_RULES;
  const nowIso = now.toISOString();
  const rows = await queryRows<{
    id: string;
    vendor: Vendor;
    name: string;
    status: Campaign["status"];
    sent30: number;
    bounced30: number;
    sentNow: number;
    bouncedNow: number;
    repliedNow: number;
    sentBefore: number;
    bouncedBefore: number;
    repliedBefore: number;
  }>(
    db,
    sql`
    with w as (
      select e.campaign_id,
        coalesce(sum(e.sent) filter (where e.bucket >= ${nowIso}::timestamptz - ${`${r.bounceWindowDays} days`}::interval), 0)::int as sent30,
        coalesce(sum(e.bounced) filter (where e.bucket >= ${nowIso}::timestamptz - ${`${r.bounceWindowDays} days`}::interval), 0)::int as bounced30,
        coalesce(sum(e.sent) filter (where e.bucket >= ${nowIso}::timestamptz - ${`${r.replyWindowDays} days`}::interval), 0)::int as "sentNow",
        coalesce(sum(e.bounced) filter (where e.bucket >= ${nowIso}::timestamptz - ${`${r.replyWindowDays} days`}::interval), 0)::int as "bouncedNow",
        coalesce(sum(e.replied_human) filter (where e.bucket >= ${nowIso}::timestamptz - ${`${r.replyWindowDays} days`}::interval), 0)::int as "repliedNow",
        coalesce(sum(e.sent) filter (where e.bucket < ${nowIso}::timestamptz - ${`${r.replyWindowDays} days`}::interval and e.bucket >= ${nowIso}::timestamptz - ${`${2 * r.replyWindowDays} days`}::interval), 0)::int as "sentBefore",
        coalesce(sum(e.bounced) filter (where e.bucket < ${nowIso}::timestamptz - ${`${r.replyWindowDays} days`}::interval and e.bucket >= ${nowIso}::timestamptz - ${`${2 * r.replyWindowDays} days`}::interval), 0)::int as "bouncedBefore",
        coalesce(sum(e.replied_human) filter (where e.bucket < ${nowIso}::timestamptz - ${`${r.replyWindowDays} days`}::interval and e.bucket >= ${nowIso}::timestamptz - ${`${2 * r.replyWindowDays} days`}::interval), 0)::int as "repliedBefore"
      from engagement_buckets e
      where e.bucket >= ${nowIso}::timestamptz - ${`${Math.max(r.bounceWindowDays, 2 * r.replyWindowDays)} days`}::interval and e.bucket < ${nowIso}::timestamptz
      group by e.campaign_id
    )
    select c.id, c.vendor, c.name, c.status, w.* from w join campaigns c on c.id = w.campaign_id`,
  );
  const items: (AttentionItem & { severity: number })[] = [];
  for (const row of rows) {
    const reasons: AttentionItem["reasons"] = [];
    let severity = 0;
    if (row.sent30 >= r.minSent && row.bounced30 / row.sent30 > r.bounceRate) {
      const rate = row.bounced30 / row.sent30;
      reasons.push({ kind: "bounce", rate, bounced: row.bounced30, sent: row.sent30 });
      severity += rate / r.bounceRate;
    }
    const delivered = Math.max(0, row.sentNow - row.bouncedNow);
    const deliveredBefore = Math.max(0, row.sentBefore - row.bouncedBefore);
    if (delivered >= r.minDelivered && deliveredBefore >= r.minDelivered && row.repliedBefore > 0) {
      const rate = Math.min(1, row.repliedNow / delivered);
      const before = Math.min(1, row.repliedBefore / deliveredBefore);
      if (rate < before * r.replyDropRatio) {
        reasons.push({ kind: "reply_falling", rate, before, delivered, deliveredBefore });
        severity += 1 - rate / before;
      }
    }
    if (reasons.length)
      items.push({
        campaign: { id: row.id, vendor: row.vendor, name: row.name, status: row.status },
        reasons,
        severity,
      });
  }
  return items.sort((a, b) => b.severity - a.severity).map(({ severity: _, ...item }) => item);
}

/** The overview's task figures: they add up (open = overdue + due today + later + undated). */
export interface TaskFigures {
  today: string;
  /** Open tasks due today and not yet overdue (the tasks page's "Today"). */
  total: number;
  /** Open tasks due before now (the tasks page's "Overdue"); never also in `total`. */
  overdue: number;
  /** Every open task. */
  open: number;
  /** The first few, as the tasks page lists them (so the overview can act on them too). */
  tasks: TaskListItem[];
}

/**
 * Open tasks due today in `tz` and how many are overdue, with the tasks page's own due
 * windows (lib/dates/due.ts through dueWindowSql), so the overview and the tasks page
 * always show the same numbers and "today" never counts an overdue task twice.
 */
export async function tasksDueToday(
  db: Db,
  tz: string,
  now = new Date(),
  limit = 6,
  /** Only tasks assigned to these vendor users (a member's own "Due today"); absent: everyone's. */
  me?: { vendor: string; vendorUserId: string }[],
): Promise<TaskFigures> {
  const clock = dueClock(tz, now);
  const mine = !me
    ? sql`true`
    : me.length
      ? sql`(t.vendor, t.assignee->>'id') in (${sql.join(
          me.map((i) => sql`(${i.vendor}, ${i.vendorUserId})`),
          sql`, `,
        )})`
      : sql`false`;
  const isToday = dueWindowSql(presetWindow("today", clock), clock);
  const isOverdue = dueWindowSql(presetWindow("overdue", clock), clock);
  const [counts] = await queryRows<{ total: number; overdue: number; open: number }>(
    db,
    sql`
    select count(*) filter (where ${isToday})::int as total, count(*) filter (where ${isOverdue})::int as overdue,
      count(*)::int as open
    from tasks t where t.status = 'open' and ${mine}`,
  );
  const ids = await queryRows<{ id: string }>(
    db,
    sql`
    select t.id from tasks t
    where t.status = 'open' and ${isToday} and ${mine}
    order by t.due_is_date_only, t.due_at nulls last, t.id
    limit ${limit}`,
  );
  // The vendor's raw record stays on the server: the overview never shows it.
  const tasks = (
    await loadTasks(
      db,
      ids.map((r) => r.id),
    )
  ).map((t) => ({ ...t, raw: null }));
  return {
    today: clock.today,
    total: counts?.total ?? 0,
    overdue: counts?.overdue ?? 0,
    open: counts?.open ?? 0,
    tasks,
  };
}
