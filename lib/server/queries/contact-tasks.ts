import "server-only";
import { sql } from "drizzle-orm";
import type { Task } from "@/lib/model/task";
import type { Vendor } from "@/lib/model/vendor";
import { queryRows, type Db } from "../store/db";
import { isoMs, list } from "./sql-helpers";

// A person's tasks as timeline items and as the contact page's open tasks.

/** Where a task sits on the timeline (one instant, used for order, cursor and date range alike). */
export const taskAt = (tz: string) => sql`(case
  when t.due_is_date_only and coalesce(t.due_date, (t.due_at at time zone 'UTC')::date) is not null
    then (coalesce(t.due_date, (t.due_at at time zone 'UTC')::date) + time '12:00') at time zone ${tz}
  when t.due_at is not null then t.due_at
  else coalesce(t.created_at, t.synced_at) end)`;

interface TaskRow {
  id: string;
  connectionId: string;
  vendor: string;
  vendorType: string;
  type: string;
  title: string;
  body: string | null;
  status: string;
  dueAt: string | null;
  dueDate: string | null;
  dueIsDateOnly: boolean;
  priority: string | null;
  assignee: Task["assignee"];
  contactId: string | null;
  campaignId: string | null;
  campaignName: string | null;
  url: string | null;
  createdAt: string | null;
  raw: unknown;
  at: string;
}

const taskColumns = (
  tz: string,
) => sql`t.id, t.connection_id as "connectionId", t.vendor, t.vendor_type as "vendorType", t.type, t.title, t.body, t.status,
  ${isoMs(sql`t.due_at`)} as "dueAt",
  to_char(coalesce(t.due_date, case when t.due_is_date_only then (t.due_at at time zone 'UTC')::date end), 'YYYY-MM-DD') as "dueDate",
  t.due_is_date_only as "dueIsDateOnly", t.priority, t.assignee, t.contact_id as "contactId", t.campaign_id as "campaignId",
  cp.name as "campaignName", t.url, ${isoMs(sql`t.created_at`)} as "createdAt", t.raw, ${isoMs(taskAt(tz))} as at`;

function toTask(r: TaskRow): Task & { at: string } {
  return {
    ...r,
    vendor: r.vendor as Vendor,
    status: r.status as Task["status"],
    priority: r.priority as Task["priority"],
    assignee: r.assignee ?? null,
    raw: r.raw ?? null,
  };
}

export async function tasksByIds(db: Db, ids: string[], tz: string): Promise<Map<string, Task & { at: string }>> {
  const rows = await queryRows<TaskRow>(
    db,
    sql`select ${taskColumns(tz)} from tasks t left join campaigns cp on cp.id = t.campaign_id where t.id in ${list(ids)}`,
  );
  return new Map(rows.map((r) => [r.id, toTask(r)]));
}

/** The person's open tasks for the pinned block: overdue and soonest first, undated last. */
export async function openTasksForContact(db: Db, contactId: string, tz = "UTC"): Promise<(Task & { at: string })[]> {
  const rows = await queryRows<TaskRow>(
    db,
    sql`select ${taskColumns(tz)} from tasks t left join campaigns cp on cp.id = t.campaign_id
    where t.contact_id = ${contactId} and t.status = 'open'
    order by coalesce(t.due_date::timestamp at time zone 'UTC', t.due_at) asc nulls last, t.id
    limit 100`,
  );
  return rows.map(toTask);
}
