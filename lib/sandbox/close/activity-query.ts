import { indexOfRow, insertionIndex, stripEmail, type CloseData } from "./data";
import { BadRequest, dateParam, intParam, listParam, project } from "./params";
import { ACTIVITY_TYPES, type CloseActivity } from "./records";

/**
 * `GET /activity/` (seed 004): the index the simulator answers from, and the rules of
 * the endpoint. Rows are kept ascending by `date_created`; a page of the account-wide
 * listing is two binary searches and a slice, so a million-row world answers in ms.
 */
export class ActivityIndex {
  readonly byId = new Map<string, CloseActivity>();
  readonly byLead = new Map<string, CloseActivity[]>();
  readonly threadsByLead = new Map<string, CloseActivity[]>();
  readonly emailsByThread = new Map<string, CloseActivity[]>();

  constructor(readonly data: CloseData) {
    for (const a of data.activities) this.index(a, false);
    for (const t of data.threads) {
      this.byId.set(t.id, t);
      push(this.threadsByLead, t.lead_id, t);
    }
  }

  /** Indexes rows already inserted into `data.activities` (page drift). */
  added(rows: CloseActivity[]): void {
    for (const a of rows) this.index(a, true);
  }

  /** Inserts a new activity into `data.activities` and the indexes. */
  insert(a: CloseActivity): void {
    this.data.activities.splice(insertionIndex(this.data.activities, a), 0, a);
    this.index(a, true);
  }

  /**
   * Swaps a stored activity for its changed copy (same id and `date_created`; Close never
   * changes either), everywhere it is indexed. Rows are replaced, not edited, so events that
   * hold the old object keep the state they logged.
   */
  replace(next: CloseActivity): CloseActivity {
    const old = this.byId.get(next.id);
    if (!old || old.date_created !== next.date_created) throw new Error(`no activity ${next.id} to replace`);
    this.unindex(old);
    this.data.activities[indexOfRow(this.data.activities, old)] = next;
    this.index(next, true);
    return old;
  }

  /** Removes an activity (deleted in Close). */
  remove(id: string): CloseActivity | null {
    const old = this.byId.get(id);
    if (!old) return null;
    this.unindex(old);
    this.data.activities.splice(indexOfRow(this.data.activities, old), 1);
    return old;
  }

  private unindex(a: CloseActivity): void {
    this.byId.delete(a.id);
    const list = this.byLead.get(a.lead_id);
    const i = list ? indexOfRow(list, a) : -1;
    if (i >= 0) list!.splice(i, 1);
    if (a._type === "Email" && typeof a.thread_id === "string") {
      const t = this.emailsByThread.get(a.thread_id);
      const j = t ? t.indexOf(a) : -1;
      if (j >= 0) t!.splice(j, 1);
    }
  }

  private index(a: CloseActivity, sorted: boolean): void {
    this.byId.set(a.id, a);
    const list = this.byLead.get(a.lead_id);
    if (!list) this.byLead.set(a.lead_id, [a]);
    else if (sorted) list.splice(insertionIndex(list, a), 0, a);
    else list.push(a); // data.activities is already in order
    if (a._type === "Email" && typeof a.thread_id === "string") push(this.emailsByThread, a.thread_id, a);
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export const ACTIVITY_MAX_LIMIT = 100;
const ORDER_FIELDS = ["date_created", "-date_created", "activity_at", "-activity_at"];
const RANGE_OPS = ["gte", "gt", "lte", "lt"] as const;
/** Only usable when listing a single lead (seed 004). */
const LEAD_ONLY = ["user_id", "user_id__in", "contact_id", "contact_id__in", "_type", "_type__in"];

export interface ActivityPage {
  data: Record<string, unknown>[];
  has_more: boolean;
}

export function queryActivities(idx: ActivityIndex, q: URLSearchParams, opts: { maxSkip: number }): ActivityPage {
  const limit = Math.min(intParam(q, "_limit", 100, 1), ACTIVITY_MAX_LIMIT);
  const skip = intParam(q, "_skip", 0, 0);
  if (skip > opts.maxSkip)
    throw new BadRequest(
      `_skip: the maximum is ${opts.maxSkip} for this resource. Narrow the query with date_created filters instead of skipping further.`,
    );

  const leadIds = listParam(q, "lead_id", "lead_id__in");
  const singleLead = leadIds !== null && leadIds.length === 1;
  const leadOnlyUsed = LEAD_ONLY.filter((p) => q.has(p));
  if (leadOnlyUsed.length && !singleLead)
    throw new BadRequest(
      `${leadOnlyUsed.join(", ")}: can only be used for listing activities on a single lead (using the lead_id parameter).`,
    );

  const orderBy = q.get("_order_by") || "-date_created";
  if (!ORDER_FIELDS.includes(orderBy))
    throw new BadRequest(
      `_order_by: unsupported value ${JSON.stringify(orderBy)}; use date_created or activity_at (optionally with -).`,
    );
  const sortField = orderBy.replace(/^-/, "") as "date_created" | "activity_at";
  const desc = orderBy.startsWith("-");
  if (sortField === "activity_at" && !singleLead)
    throw new BadRequest(
      "_order_by: sorting by activity_at can only be used when listing activities on a single lead using the lead_id parameter.",
    );

  const range: Partial<Record<(typeof RANGE_OPS)[number], string>> = {};
  for (const field of ["date_created", "activity_at"] as const) {
    for (const op of RANGE_OPS) {
      const v = dateParam(q, `${field}__${op}`);
      if (v === null) continue;
      if (field !== sortField)
        throw new BadRequest(
          `${field}__${op}: you can only use the date-based filters of the field you are sorting on; add _order_by=-${field}.`,
        );
      range[op] = v;
    }
  }

  const threadMode = q.get("thread_emails");
  if (threadMode !== null && !["true", "only", "false", ""].includes(threadMode))
    throw new BadRequest("thread_emails: must be true or only");
  const threads = threadMode === "true" || threadMode === "only";

  const types = listParam(q, "_type", "_type__in");
  for (const t of types ?? [])
    if (!(ACTIVITY_TYPES as readonly string[]).includes(t) && !t.startsWith("actitype_"))
      throw new BadRequest(`_type: unknown activity type ${JSON.stringify(t)}`);
  const ids = listParam(q, "id__in");
  const users = listParam(q, "user_id", "user_id__in");
  const contacts = listParam(q, "contact_id", "contact_id__in");
  const org = q.get("organization_id");

  if (org && org !== idx.data.organization.id) return { data: [], has_more: false };
  const fields = listParam(q, "_fields");

  // Fast path: the account-wide (or one lead's) listing by date_created, nothing else to filter.
  const plain = !ids && !types && !users && !contacts && !threads && sortField === "date_created";
  if (plain && (!leadIds || singleLead)) {
    const base = leadIds ? (idx.byLead.get(leadIds[0]!) ?? []) : idx.data.activities;
    const lo = Math.max(
      range.gte !== undefined ? lowerBound(base, range.gte) : 0,
      range.gt !== undefined ? upperBound(base, range.gt) : 0,
    );
    const hi = Math.min(
      range.lt !== undefined ? lowerBound(base, range.lt) : base.length,
      range.lte !== undefined ? upperBound(base, range.lte) : base.length,
    );
    const total = Math.max(0, hi - lo);
    const rows: CloseActivity[] = [];
    for (let k = skip; k < Math.min(total, skip + limit); k++) rows.push(base[desc ? hi - 1 - k : lo + k]!);
    return { data: project(rows, fields) as Record<string, unknown>[], has_more: skip + rows.length < total };
  }

  // General path: gather, filter, sort, slice. Candidates are one lead's or a few ids,
  // except for thread_emails on the whole account (rare).
  let candidates: CloseActivity[];
  if (ids)
    candidates = ids
      .map((id) => idx.byId.get(id))
      .filter((a): a is CloseActivity => a !== undefined && (threads || a._type !== "EmailThread"));
  else if (leadIds)
    candidates = leadIds.flatMap((l) => [
      ...(idx.byLead.get(l) ?? []),
      ...(threads ? (idx.threadsByLead.get(l) ?? []) : []),
    ]);
  else candidates = threads ? [...idx.data.activities, ...idx.data.threads] : idx.data.activities;

  const leadSet = leadIds ? new Set(leadIds) : null;
  const typeOk = (a: CloseActivity) =>
    !types || types.includes(a._type) || (a._type === "Custom" && types.includes(String(a.custom_activity_type_id)));
  const rows = candidates.filter((a) => {
    if (leadSet && !leadSet.has(a.lead_id)) return false;
    if (users && !users.includes(String(a.user_id))) return false;
    if (contacts && !contacts.includes(String(a.contact_id))) return false;
    if (!typeOk(a)) return false;
    if (threadMode === "only" && a._type === "Email") return false;
    const v = a[sortField] as string;
    if (range.gte !== undefined && v < range.gte) return false;
    if (range.gt !== undefined && v <= range.gt) return false;
    if (range.lte !== undefined && v > range.lte) return false;
    if (range.lt !== undefined && v >= range.lt) return false;
    return true;
  });
  rows.sort((a, b) => {
    const x = a[sortField] as string;
    const y = b[sortField] as string;
    const c = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return desc ? -c : c;
  });
  const page = rows.slice(skip, skip + limit).map((a) => {
    if (a._type === "EmailThread") return { ...a, emails: (idx.emailsByThread.get(a.id) ?? []).map(stripEmail) };
    if (threads && a._type === "Email") return stripEmail(a);
    return a;
  });
  return { data: project(page, fields) as Record<string, unknown>[], has_more: skip + page.length < rows.length };
}

/** First index whose date_created is ≥ key (rows ascending). */
function lowerBound(rows: CloseActivity[], key: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.date_created < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose date_created is > key. */
function upperBound(rows: CloseActivity[], key: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.date_created <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
