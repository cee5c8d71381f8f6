import { BadRequest, boolParam, dateParam, intParam, listParam, project, storedKey } from "./params";
import { TASK_TYPES, type CloseTask } from "./records";

/** `_limit` maximum on /task/, /contact/ and /lead/ (larger values are capped). */
export const LIST_MAX_LIMIT = 1000;
/** `_skip` maximum on the endpoints other than /activity/. */
export const LIST_MAX_SKIP = 250_000;

const ORDER = ["date", "date_created", "date_updated"];

/**
 * `GET /task/` (VENDORS.md "Close"): without `_type` only `lead` tasks come back;
 * `_type=all` lists every type. Date filters compare a date-only `date` as midnight
 * UTC; dateless tasks never match a date filter.
 */
export function queryTasks(
  tasks: CloseTask[],
  q: URLSearchParams,
): { data: Record<string, unknown>[]; has_more: boolean } {
  const limit = Math.min(intParam(q, "_limit", 100, 1), LIST_MAX_LIMIT);
  const skip = intParam(q, "_skip", 0, 0);
  if (skip > LIST_MAX_SKIP) throw new BadRequest(`_skip: the maximum is ${LIST_MAX_SKIP} for this resource.`);

  const typeParam = listParam(q, "_type", "_type__in");
  let types: string[] | null = ["lead"];
  if (typeParam && typeParam.includes("all")) types = null;
  else if (typeParam) {
    for (const t of typeParam)
      if (!(TASK_TYPES as readonly string[]).includes(t))
        throw new BadRequest(
          `_type: unknown task type ${JSON.stringify(t)}; use one of ${TASK_TYPES.join(", ")} or all.`,
        );
    types = typeParam;
  }
  const ids = listParam(q, "id", "id__in");
  const leads = listParam(q, "lead_id", "lead_id__in");
  const assigned = listParam(q, "assigned_to", "assigned_to__in");
  const contacts = listParam(q, "contact_id", "contact_id__in");
  const complete = boolParam(q, "is_complete");
  const dateRange = {
    lt: dateParam(q, "date__lt"),
    lte: dateParam(q, "date__lte"),
    gt: dateParam(q, "date__gt"),
    gte: dateParam(q, "date__gte"),
  };
  const anyDate = Object.values(dateRange).some((v) => v !== null);
  const createdGte = dateParam(q, "date_created__gte");
  const createdLt = dateParam(q, "date_created__lt");

  const orderBy = q.get("_order_by") || "-date_created";
  const field = orderBy.replace(/^-/, "") as "date" | "date_created" | "date_updated";
  if (!ORDER.includes(field)) throw new BadRequest(`_order_by: unsupported value ${JSON.stringify(orderBy)}`);
  const desc = orderBy.startsWith("-");

  const rows = tasks.filter((t) => {
    if (types && !types.includes(t._type)) return false;
    if (ids && !ids.includes(t.id)) return false;
    if (leads && !leads.includes(t.lead_id)) return false;
    if (assigned && !assigned.includes(t.assigned_to)) return false;
    if (contacts && !contacts.includes(String(t.contact_id))) return false;
    if (complete !== null && t.is_complete !== complete) return false;
    if (createdGte && t.date_created < createdGte) return false;
    if (createdLt && t.date_created >= createdLt) return false;
    if (anyDate) {
      if (t.date === null) return false;
      const d = storedKey(t.date);
      if (dateRange.lt && !(d < dateRange.lt)) return false;
      if (dateRange.lte && !(d <= dateRange.lte)) return false;
      if (dateRange.gt && !(d > dateRange.gt)) return false;
      if (dateRange.gte && !(d >= dateRange.gte)) return false;
    }
    return true;
  });
  rows.sort((a, b) => {
    const x = a[field] === null ? null : storedKey(a[field]!);
    const y = b[field] === null ? null : storedKey(b[field]!);
    // Dateless tasks come last either way.
    if (x === null || y === null) return x === y ? cmp(a.id, b.id) : x === null ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : cmp(a.id, b.id);
    return desc ? -c : c;
  });
  const page = rows.slice(skip, skip + limit);
  return {
    data: project(page, listParam(q, "_fields")) as Record<string, unknown>[],
    has_more: skip + page.length < rows.length,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
