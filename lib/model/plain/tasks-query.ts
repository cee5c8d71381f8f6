// zod-free, for client components (a module that defines zod schemas brings all of zod
// along): the tasks query as the page holds it and the query string it sends;
// lib/model/tasks-query.ts parses that string back (tested round trip).
import type { DueGroup, DuePreset } from "@/lib/dates/due";
import { TASK_STATUSES, type TaskStatus } from "./task";
import type { Vendor } from "../vendor";

/** The normalised task types connectors map vendor types onto. */
export const TASK_TYPES = ["email", "call", "linkedin", "manual", "meeting", "whatsapp", "other"] as const;
export const TASK_TYPE_LABELS: Record<string, string> = {
  email: "Email",
  call: "Call",
  linkedin: "LinkedIn",
  manual: "Manual",
  meeting: "Meeting",
  whatsapp: "WhatsApp",
  other: "Other",
};
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: "Open", done: "Done", ignored: "Ignored" };

export const TASK_SORTS = ["dueAt", "-dueAt", "priority", "-priority"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** `assignee=unassigned` selects tasks with no assignee; `campaignId=none` tasks outside any campaign. */
export const UNASSIGNED = "unassigned";
/** `assignee=me`: tasks assigned to the caller's linked vendor users (Settings → Profile). */
export const ASSIGNEE_ME = "me";
export const NO_CAMPAIGN = "none";

export const TASKS_DEFAULT_LIMIT = 50;
export const TASKS_MAX_LIMIT = 500;

/** What the page holds: the query minus paging, every field optional. */
export interface TasksFilter {
  status?: TaskStatus[];
  due?: DuePreset;
  dueFrom?: string;
  dueTo?: string;
  tz?: string;
  vendors?: Vendor[];
  types?: string[];
  assignee?: string[];
  campaignId?: string[];
  contactId?: string;
  q?: string;
  sort?: TaskSort;
  limit?: number;
  cursor?: string;
  group?: DueGroup;
}

/**
 * The query string for a filter, leaving defaults out. `tasksQuerySchema` parses it back
 * to the same query (tested), so the page and the API cannot drift apart.
 */
export function tasksSearchParams(f: TasksFilter): URLSearchParams {
  const sp = new URLSearchParams();
  const status = f.status && TASK_STATUSES.filter((s) => f.status!.includes(s));
  if (status && status.length && !(status.length === 1 && status[0] === "open"))
    sp.set("status", status.length === TASK_STATUSES.length ? "all" : status.join(","));
  if (f.dueFrom || f.dueTo) {
    if (f.dueFrom) sp.set("dueFrom", f.dueFrom);
    if (f.dueTo) sp.set("dueTo", f.dueTo);
  } else if (f.due && f.due !== "all") sp.set("due", f.due);
  if (f.tz && f.tz !== "UTC") sp.set("tz", f.tz);
  if (f.vendors?.length) sp.set("vendors", f.vendors.join(","));
  if (f.types?.length) sp.set("types", f.types.join(","));
  if (f.assignee?.length) sp.set("assignee", f.assignee.join(","));
  if (f.campaignId?.length) sp.set("campaignId", f.campaignId.join(","));
  if (f.contactId) sp.set("contactId", f.contactId);
  if (f.q?.trim()) sp.set("q", f.q.trim());
  if (f.sort && f.sort !== "dueAt") sp.set("sort", f.sort);
  if (f.limit && f.limit !== TASKS_DEFAULT_LIMIT) sp.set("limit", String(f.limit));
  if (f.cursor) sp.set("cursor", f.cursor);
  if (f.group) sp.set("group", f.group);
  return sp;
}
