import "server-only";
import { sql } from "drizzle-orm";
import type { TaskStatus } from "@/lib/model/task";
import { type TaskListItem } from "@/lib/model/tasks-query";
import { type Vendor } from "@/lib/model/vendor";
import { type Db, queryRows } from "../../store/db";
import { inList } from "./conditions";

// A task row as the store holds it, and as the API lists it.

export interface TaskRow {
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

export const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function toItem(r: TaskRow): TaskListItem {
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
