import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Activity } from "@/lib/model/activity";
import { encodeCursor } from "@/lib/model/query-params";
import { isReplyClass, REPLY_KINDS, type ReplyClass } from "@/lib/model/plain/reply-class";
import type { Task } from "@/lib/model/task";
import {
  timelineQuerySchema,
  type TimelineFacets,
  type TimelineFilters,
  type TimelineItem,
  type TimelineKind,
  type TimelinePage,
  type TimelineQuery,
} from "@/lib/model/timeline";
import type { Vendor } from "@/lib/model/vendor";
import { queryRows, type Db } from "../store/db";
import { taskAt, tasksByIds } from "./contact-tasks";
import { and, isoMs, isoUs, list, matchAllTerms, searchTerms } from "./sql-helpers";

/**
 * The contact timeline: the union of a person's activities and tasks, newest first, ties
 * broken by id (descending). Activities page through `activities_contact_time_idx`
 * (contact_id, occurred_at desc, id desc) with a row comparison, so page 200 costs what
 * page 1 does. Tasks are few per person and are placed by `taskAt` (see lib/model/timeline.ts).
 */

type Facet = "vendors" | "kinds" | "campaign" | "bots" | "replyClass";

interface Parts {
  /** Null when the kinds filter leaves no activity kinds. */
  activities: SQL[] | null;
  /** Null when the kinds filter leaves tasks out. */
  tasks: SQL[] | null;
}

/** The WHERE conditions of both halves of the union for these filters, optionally ignoring one facet's own filter. */
function conditions(contactId: string, f: TimelineFilters, ignore?: Facet): Parts {
  const a: SQL[] = [sql`a.contact_id = ${contactId}`];
  const t: SQL[] = [sql`t.contact_id = ${contactId}`];
  const at = taskAt(f.tz);

  let activityKinds: string[] | undefined;
  let withTasks = true;
  if (f.kinds?.length && ignore !== "kinds") {
    activityKinds = f.kinds.filter((k) => k !== "task");
    withTasks = f.kinds.includes("task");
  }
  if (activityKinds) a.push(sql`a.kind in ${list(activityKinds)}`);

  if (f.vendors?.length && ignore !== "vendors") {
    a.push(sql`a.vendor in ${list(f.vendors)}`);
    t.push(sql`t.vendor in ${list(f.vendors)}`);
  }
  if (f.campaignId && ignore !== "campaign") {
    a.push(sql`a.campaign_id = ${f.campaignId}`);
    t.push(sql`t.campaign_id = ${f.campaignId}`);
  }
  if (f.range.from) {
    a.push(sql`a.occurred_at >= ${f.range.from}::timestamptz`);
    t.push(sql`${at} >= ${f.range.from}::timestamptz`);
  }
  if (f.range.before) {
    a.push(sql`a.occurred_at < ${f.range.before}::timestamptz`);
    t.push(sql`${at} < ${f.range.before}::timestamptz`);
  }
  if (f.bots === "exclude" && ignore !== "bots") a.push(sql`not a.bot`);
  if (f.replyClass?.length && ignore !== "replyClass")
    a.push(sql`(a.kind not in ${list([...REPLY_KINDS])} or coalesce(a.reply_class, 'human') in ${list(f.replyClass)})`);
  const terms = searchTerms(f.q);
  a.push(
    ...matchAllTerms(terms, [sql`a.subject`, sql`a.preview`, sql`a.body`, sql`(a.actor->>'name')`, sql`a.vendor_type`]),
  );
  t.push(...matchAllTerms(terms, [sql`t.title`, sql`t.body`, sql`(t.assignee->>'name')`, sql`t.type`]));

  return {
    activities: activityKinds && activityKinds.length === 0 ? null : a,
    tasks: withTasks ? t : null,
  };
}

interface KeyRow {
  type: "activity" | "task";
  id: string;
  atKey: string;
}

/**
 * The page `GET /contacts/{id}/timeline?<search>` answers, for a server render of the contact
 * page (its first rows in the HTML). Null when the query string does not validate: the
 * browser's own request then gets the API's 400 and shows it.
 */
export async function timelinePageFor(
  db: Db,
  contactId: string,
  search: URLSearchParams,
): Promise<TimelinePage | null> {
  const query = timelineQuerySchema.safeParse(Object.fromEntries(search));
  return query.success ? timelinePage(db, contactId, query.data) : null;
}

export async function timelinePage(db: Db, contactId: string, q: TimelineQuery): Promise<TimelinePage> {
  const take = q.limit + 1;
  const parts = conditions(contactId, q);
  const at = taskAt(q.tz);
  const branches: SQL[] = [];
  if (parts.activities) {
    const where = [...parts.activities];
    if (q.cursor) where.push(sql`(a.occurred_at, a.id) < (${q.cursor.at}::timestamptz, ${q.cursor.id})`);
    branches.push(sql`(select 'activity' as type, a.id, a.occurred_at as at from activities a
      where ${and(where)} order by a.occurred_at desc nulls last, a.id desc nulls last limit ${take})`);
  }
  if (parts.tasks) {
    const where = [...parts.tasks];
    if (q.cursor) where.push(sql`(${at}, t.id) < (${q.cursor.at}::timestamptz, ${q.cursor.id})`);
    branches.push(sql`(select 'task' as type, t.id, ${at} as at from tasks t
      where ${and(where)} order by 3 desc nulls last, t.id desc nulls last limit ${take})`);
  }
  if (branches.length === 0) return { data: [], nextCursor: null };

  const keys = await queryRows<KeyRow>(
    db,
    sql`select u.type, u.id, ${isoUs(sql`u.at`)} as "atKey"
      from (${sql.join(branches, sql` union all `)}) u
      order by u.at desc nulls last, u.id desc nulls last limit ${take}`,
  );
  const more = keys.length > q.limit;
  const page = more ? keys.slice(0, q.limit) : keys;
  const activityIds = page.filter((k) => k.type === "activity").map((k) => k.id);
  const taskIds = page.filter((k) => k.type === "task").map((k) => k.id);
  const [activities, tasks] = await Promise.all([
    activityIds.length ? activitiesByIds(db, activityIds) : Promise.resolve(new Map<string, Activity>()),
    taskIds.length ? tasksByIds(db, taskIds, q.tz) : Promise.resolve(new Map<string, Task & { at: string }>()),
  ]);

  const data: TimelineItem[] = [];
  for (const k of page) {
    if (k.type === "activity") {
      const a = activities.get(k.id);
      if (a) data.push({ type: "activity", ...a });
    } else {
      const t = tasks.get(k.id);
      if (t) {
        const { type: taskType, at: occurredAt, ...rest } = t;
        data.push({ ...rest, type: "task", taskType, occurredAt });
      }
    }
  }
  const last = page.at(-1);
  return { data, nextCursor: more && last ? encodeCursor({ at: last.atKey, id: last.id }) : null };
}

// ---------------------------------------------------------------------------
// Rows → model

interface ActivityRow {
  id: string;
  connectionId: string;
  vendor: string;
  vendorType: string;
  kind: string;
  channel: string;
  direction: string | null;
  occurredAt: string;
  contactId: string | null;
  campaignId: string | null;
  campaignName: string | null;
  sequenceStep: number | null;
  variant: string | null;
  actor: Activity["actor"];
  subject: string | null;
  preview: string | null;
  body: string | null;
  bot: boolean;
  durationSeconds: number | null;
  state: string | null;
  replyClass: string | null;
  url: string | null;
  raw: unknown;
}

async function activitiesByIds(db: Db, ids: string[]): Promise<Map<string, Activity>> {
  const rows = await queryRows<ActivityRow>(
    db,
    sql`select a.id, a.connection_id as "connectionId", a.vendor, a.vendor_type as "vendorType", a.kind, a.channel, a.direction,
      ${isoMs(sql`a.occurred_at`)} as "occurredAt", a.contact_id as "contactId", a.campaign_id as "campaignId",
      cp.name as "campaignName", a.sequence_step as "sequenceStep", a.variant, a.actor, a.subject, a.preview, a.body,
      a.bot, a.duration_seconds as "durationSeconds", a.state, a.reply_class as "replyClass", a.url, a.raw
    from activities a left join campaigns cp on cp.id = a.campaign_id
    where a.id in ${list(ids)}`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        vendor: r.vendor as Vendor,
        kind: r.kind as Activity["kind"],
        channel: r.channel as Activity["channel"],
        direction: r.direction as Activity["direction"],
        state: (r.state ?? null) as Activity["state"],
        replyClass: isReplyClass(r.replyClass) ? r.replyClass : null,
        actor: r.actor ?? null,
        raw: r.raw ?? null,
      },
    ]),
  );
}

// ---------------------------------------------------------------------------
// Facet counts

interface FacetRow {
  type: "activity" | "task";
  vendor: string;
  kind: string | null;
  campaignId: string | null;
  campaignName: string | null;
  bot: boolean;
  replyClass: ReplyClass | null;
  n: number;
}

/**
 * Counts per filter value for the person's timeline. Each facet is counted under every
 * other filter but its own (picking one vendor does not zero the others' counts). One grouped
 * scan of the person's rows under the filters every facet shares (date range, text) —
 * vendor × kind × campaign × machine — and the facets are summed from those few groups,
 * instead of one scan per facet.
 */
export async function timelineFacets(db: Db, contactId: string, f: TimelineFilters): Promise<TimelineFacets> {
  // The shared filters only: every facet-specific filter is applied below, in memory.
  const shared = conditions(contactId, {
    ...f,
    kinds: undefined,
    vendors: undefined,
    campaignId: undefined,
    bots: "include",
    replyClass: undefined,
  });
  const rows = await queryRows<FacetRow>(
    db,
    sql`select 'activity' as type, a.vendor, a.kind, a.campaign_id as "campaignId", min(cp.name) as "campaignName", a.bot,
        case when a.kind in ${list([...REPLY_KINDS])} then coalesce(a.reply_class, 'human') end as "replyClass", count(*)::int as n
      from activities a left join campaigns cp on cp.id = a.campaign_id
      where ${and(shared.activities!)} group by a.vendor, a.kind, a.campaign_id, a.bot, 7
    union all
    select 'task' as type, t.vendor, null as kind, t.campaign_id as "campaignId", min(cp.name) as "campaignName", false as bot, null as "replyClass", count(*)::int as n
      from tasks t left join campaigns cp on cp.id = t.campaign_id
      where ${and(shared.tasks!)} group by t.vendor, t.campaign_id`,
  );

  const activityKinds = f.kinds?.filter((k) => k !== "task");
  const kindOk = (r: FacetRow) =>
    !f.kinds?.length || (r.type === "task" ? f.kinds.includes("task") : activityKinds!.includes(r.kind as never));
  const vendorOk = (r: FacetRow) => !f.vendors?.length || f.vendors.includes(r.vendor as Vendor);
  const campaignOk = (r: FacetRow) => !f.campaignId || r.campaignId === f.campaignId;
  const botOk = (r: FacetRow) => f.bots !== "exclude" || !r.bot;
  const replyOk = (r: FacetRow) => !f.replyClass?.length || !r.replyClass || f.replyClass.includes(r.replyClass);
  const passes = (r: FacetRow, ignore?: Facet) =>
    (ignore === "kinds" || kindOk(r)) &&
    (ignore === "vendors" || vendorOk(r)) &&
    (ignore === "campaign" || campaignOk(r)) &&
    (ignore === "bots" || botOk(r)) &&
    (ignore === "replyClass" || replyOk(r));

  const out: TimelineFacets = { total: 0, vendors: {}, kinds: {}, campaigns: [], bots: 0, replyClasses: {} };
  const campaigns = new Map<string, { id: string; name: string | null; vendor: Vendor; count: number }>();
  for (const r of rows) {
    if (passes(r)) out.total += r.n;
    if (passes(r, "vendors")) out.vendors[r.vendor as Vendor] = (out.vendors[r.vendor as Vendor] ?? 0) + r.n;
    if (passes(r, "kinds")) {
      const k = (r.type === "task" ? "task" : r.kind) as TimelineKind;
      out.kinds[k] = (out.kinds[k] ?? 0) + r.n;
    }
    if (r.campaignId && passes(r, "campaign")) {
      const c = campaigns.get(r.campaignId) ?? {
        id: r.campaignId,
        name: r.campaignName,
        vendor: r.vendor as Vendor,
        count: 0,
      };
      c.count += r.n;
      c.name ??= r.campaignName;
      campaigns.set(r.campaignId, c);
    }
    if (r.type === "activity" && r.bot && passes(r, "bots")) out.bots += r.n;
    if (r.replyClass && passes(r, "replyClass"))
      out.replyClasses![r.replyClass] = (out.replyClasses![r.replyClass] ?? 0) + r.n;
  }
  out.campaigns = [...campaigns.values()].sort(
    (x, y) => y.count - x.count || (x.name ?? x.id).localeCompare(y.name ?? y.id),
  );
  return out;
}
