import "server-only";
import { zonedParts } from "@/lib/dates/zone";
import type { TaskListItem, TasksQuery } from "@/lib/model/tasks-query";
import { CSV_BOM, csvFileName, csvLine as writeLine } from "@/lib/csv";
import type { Db } from "../store/db";
import { iterateTasks, type TasksContext } from "./tasks";

// The tasks export: every row matching the query, one CSV line per task, written by the
// one CSV writer (lib/csv.ts: UTF-8 BOM, RFC 4180 quoting, no raw line breaks in cells,
// the formula guard). The time zone is said twice: in the `due_local (<zone>)` header and
// in the file name.

const pad = (n: number) => String(n).padStart(2, "0");

function localDue(task: TaskListItem, tz: string): string {
  if (!task.dueAt) return "";
  if (task.dueIsDateOnly) return task.dueDate ?? task.dueAt.slice(0, 10);
  const p = zonedParts(Date.parse(task.dueAt), tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

export const TASK_CSV_COLUMNS: {
  header: string | ((tz: string) => string);
  value: (t: TaskListItem, tz: string) => string | null;
}[] = [
  { header: "id", value: (t) => t.id },
  { header: "vendor", value: (t) => t.vendor },
  { header: "type", value: (t) => t.type },
  { header: "vendor_type", value: (t) => t.vendorType },
  { header: "status", value: (t) => t.status },
  { header: "title", value: (t) => t.title },
  // The day for date-only tasks, else the UTC instant…
  { header: "due", value: (t) => (t.dueIsDateOnly ? (t.dueDate ?? t.dueAt?.slice(0, 10) ?? null) : t.dueAt) },
  // …and as the viewer reads it in the chosen zone.
  { header: (tz) => `due_local (${tz})`, value: (t, tz) => localDue(t, tz) },
  { header: "due_is_date_only", value: (t) => (t.dueAt ? String(t.dueIsDateOnly) : "") },
  { header: "priority", value: (t) => t.priority },
  { header: "assignee", value: (t) => t.assignee?.name ?? t.assignee?.id ?? null },
  { header: "contact_id", value: (t) => t.contactId },
  { header: "contact_name", value: (t) => t.contact?.name ?? null },
  { header: "contact_email", value: (t) => t.contact?.email ?? null },
  { header: "campaign_id", value: (t) => t.campaignId },
  { header: "campaign", value: (t) => t.campaignName ?? null },
  { header: "url", value: (t) => t.url },
  { header: "created_at", value: (t) => t.createdAt },
  { header: "notes", value: (t) => t.body },
];

export function csvHeader(tz: string): string {
  return CSV_BOM + writeLine(TASK_CSV_COLUMNS.map((c) => (typeof c.header === "string" ? c.header : c.header(tz))));
}

export function csvLine(task: TaskListItem, tz: string): string {
  return writeLine(TASK_CSV_COLUMNS.map((c) => c.value(task, tz)));
}

/**
 * The CSV download. The first batch is read before answering, so a bad query (an unknown
 * zone, a stale cursor) still becomes a 400 instead of a broken download.
 */
export async function tasksCsvResponse(db: Db, q: TasksQuery, ctx: TasksContext = {}): Promise<Response> {
  // The export is every row: paging parameters do not apply.
  const batches = iterateTasks(db, { ...q, cursor: undefined }, ctx);
  const first = await batches.next();
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        let chunk = csvHeader(q.tz);
        if (!first.done) chunk += first.value.map((t) => csvLine(t, q.tz)).join("");
        controller.enqueue(encoder.encode(chunk));
        if (first.done) controller.close();
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((t) => csvLine(t, q.tz)).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csvFileName("touchline-tasks", stamp, q.tz)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
