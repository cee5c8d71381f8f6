import {
  addLeadlexDriftContacts,
  addLeadlexDriftItems,
  addLeadlexDriftTasks,
  createdOf,
  TASK_STATUSES,
  updatedOf,
  type LeadlexContact,
  type LeadlexData,
} from "./data";
import { dateParam, enumParam, intParam, InvalidParameter, parseIsoMs } from "./params";

/** The endpoints' answers, before status and headers are added by the simulator. */

export class NotFound extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 50;

/**
 * The order of `GET /v1/contacts` when no `sort` is given. VENDORS.md lists a `sort`
 * parameter but no value for it, so the sandbox ignores it and answers in one order:
 * most recently updated first by default (docs/vendor-assumptions.md), or in creation
 * order, newest first, to try a connector against the other reading.
 */
export type ContactOrder = "updated" | "created";

interface RouteCtx {
  data: LeadlexData;
  q: URLSearchParams;
  drift: number;
  now: () => number;
  contactOrder?: ContactOrder;
}

function paging(q: URLSearchParams) {
  const page = intParam(q, "page", 1, 1, Number.MAX_SAFE_INTEGER);
  const perPage = intParam(q, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
  return { page, perPage, offset: (page - 1) * perPage };
}

const meta = (page: number, perPage: number, total: number) => ({ page, per_page: perPage, total });

/** `GET /v1/contacts/{id}/activities` — seed 003: page, per_page ≤ 100, type, from_date/to_date inclusive, newest first. */
export function contactActivities({ data, q, drift, now }: RouteCtx, contactId: string) {
  const { page, perPage, offset } = paging(q);
  const type = q.get("type") || null;
  const from = dateParam(q, "from_date");
  const to = dateParam(q, "to_date");
  if (from !== null && to !== null && from > to) throw new InvalidParameter("from_date must not be after to_date");
  if (!data.contactIndex.has(contactId)) throw new NotFound("contact_not_found", "No contact with this ID");
  if (drift > 0) addLeadlexDriftItems(data, drift, new Date(now()), contactId);

  const list = data.byContact.get(contactId) ?? [];
  const ms = data.activityMs;
  // Newest first, so the window [from, to] is one contiguous run of the list.
  const start = to === null ? 0 : firstIndex(list.length, (i) => ms[list[i]!]! <= to);
  const end = from === null ? list.length : firstIndex(list.length, (i) => ms[list[i]!]! < from);
  let window = list.slice(start, Math.max(start, end));
  if (type) window = window.filter((i) => data.activities[i]!.type === type);
  const rows = window.slice(offset, offset + perPage).map((i) => data.activities[i]!);
  return { data: { activities: rows }, meta: meta(page, perPage, window.length) };
}

/** First index in [0, n) where the monotone predicate turns true (n when it never does). */
function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const orderCache = new WeakMap<
  LeadlexData,
  { version: number; count: number; views: Map<ContactOrder, LeadlexContact[]> }
>();

/** Newest first by `updated_date` (or by creation); ties by id, descending, so the order is total. */
function orderedContacts(data: LeadlexData, order: ContactOrder): LeadlexContact[] {
  let cache = orderCache.get(data);
  if (!cache || cache.version !== data.version || cache.count !== data.contacts.length) {
    cache = { version: data.version, count: data.contacts.length, views: new Map() };
    orderCache.set(data, cache);
  }
  let view = cache.views.get(order);
  if (!view) {
    const keyed = data.contacts.map((c) => ({
      c,
      k: parseIsoMs(order === "created" ? createdOf(c) : updatedOf(c)) ?? 0,
    }));
    keyed.sort((a, b) => b.k - a.k || (a.c.id < b.c.id ? 1 : -1));
    view = keyed.map((x) => x.c);
    cache.views.set(order, view);
  }
  return view;
}

/** `GET /v1/contacts` — VENDORS.md: page, per_page, search (partial), created_after; `sort` has no documented value and is ignored. */
export function listContacts({ data, q, drift, now, contactOrder }: RouteCtx) {
  const { page, perPage, offset } = paging(q);
  const createdAfter = dateParam(q, "created_after");
  const search = (q.get("search") ?? "").trim().toLowerCase();
  if (drift > 0) addLeadlexDriftContacts(data, drift, new Date(now()));

  let rows = orderedContacts(data, contactOrder ?? "updated");
  if (createdAfter !== null) rows = rows.filter((c) => (parseIsoMs(createdOf(c)) ?? 0) > createdAfter);
  if (search) {
    rows = rows.filter(
      (c) =>
        c.full_name.toLowerCase().includes(search) ||
        (c.email ?? "").toLowerCase().includes(search) ||
        (c.company_name ?? "").toLowerCase().includes(search),
    );
  }
  return { data: { contacts: rows.slice(offset, offset + perPage) }, meta: meta(page, perPage, rows.length) };
}

/** `GET /v1/tasks` — VENDORS.md: page, per_page, status (open|in_progress|completed), contact_id, assignee_id; every status without a filter. */
export function listTasks({ data, q, drift, now }: RouteCtx) {
  const { page, perPage, offset } = paging(q);
  const status = enumParam(q, "status", TASK_STATUSES);
  const contactId = q.get("contact_id") || null;
  const assignee = q.get("assignee_id") || null;
  if (drift > 0) addLeadlexDriftTasks(data, drift, new Date(now()));

  const rows = data.tasks.filter(
    (t) =>
      (!status || t.status === status) &&
      (!contactId || t.contact_id === contactId) &&
      (!assignee || t.assigned_to_user_id === assignee),
  );
  return { data: { tasks: rows.slice(offset, offset + perPage) }, meta: meta(page, perPage, rows.length) };
}

/** `GET /v1/campaigns` — newest first. */
export function listCampaigns({ data, q }: RouteCtx) {
  const { page, perPage, offset } = paging(q);
  return {
    data: { campaigns: data.campaigns.slice(offset, offset + perPage) },
    meta: meta(page, perPage, data.campaigns.length),
  };
}

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : 0);

/** `GET /v1/campaigns/{id}/stats` — all-time counts and 0–1 rates (over sends), counted from the campaign's activities. */
export function campaignStats({ data }: RouteCtx, campaignId: string) {
  const c = data.campaignCounts.get(campaignId);
  if (!c) throw new NotFound("campaign_not_found", "No campaign with this ID");
  return {
    data: {
      campaign_id: campaignId,
      sent_count: c.sent,
      opened_count: c.opened,
      clicked_count: c.clicked,
      replied_count: c.replied,
      bounced_count: c.bounced,
      unsubscribed_count: c.unsubscribed,
      open_rate: rate(c.opened, c.sent),
      click_rate: rate(c.clicked, c.sent),
      reply_rate: rate(c.replied, c.sent),
      bounce_rate: rate(c.bounced, c.sent),
      unsubscribe_rate: rate(c.unsubscribed, c.sent),
    },
  };
}
