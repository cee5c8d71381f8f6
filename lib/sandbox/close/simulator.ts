import { createHarness, type Simulator, type SimulatorOptions } from "@/lib/sandbox/shared/harness";
import { SlidingLog } from "@/lib/sandbox/shared/rate-limit";
import type { World } from "@/lib/sandbox/shared/world";
import { ActivityIndex, queryActivities } from "./activity-query";
import { createCloseChanges, type CloseChanges } from "./changes";
import { addCloseDriftItems, generateCloseData, type CloseData } from "./data";
import { EventLog } from "./event-log";
import { BadRequest, intParam, listParam, project } from "./params";
import type { CloseContact, CloseLead } from "./records";
import { LIST_MAX_LIMIT, LIST_MAX_SKIP, queryTasks } from "./task-query";
import { putCloseTask } from "./task-writes";

/**
 * API-compatible Close simulator (VENDORS.md "Close", seed 004), over `generateCloseData`.
 *
 * - Auth: HTTP Basic with the key as user (`base64(key + ":")`; the password is
 *   ignored) or `Bearer <key>`. Anything else: 401 `{"error": …}`.
 * - `GET /activity/`: see activity-query.ts. `_limit` default 100, capped at 100;
 *   `_skip` past `maxSkip` (default 250 000) is a 400. Default order `-date_created`.
 * - `GET /task/`: see task-query.ts. `GET /contact/`, `/contact/{id}/`, `/lead/`,
 *   `/lead/{id}/` (with its `contacts`), `/me/`, `/custom_activity/` (the custom activity
 *   types: id, name, fields), `/custom_activity/{id}/`. List `_limit` capped at 1000.
 * - `GET /event/`: the event log (event-log.ts) — the world's last 30 days, then every
 *   change made through `sim.changes` (changes.ts) and page drift.
 * - Rate limit per key and endpoint group (activity, task, contact, lead, me), default
 *   100 requests per 10 s (sliding), header `RateLimit: limit=…, remaining=…, reset=…`
 *   (seconds, decimals) on every answer; 429 body `{"error": {"rate_reset", "message",
 *   "rate_limit", "rate_window"}}` as Close documents it, no `Retry-After`.
 * - Page drift (`driftPerRequest`) inserts new activities before a /activity/ listing.
 * - `ignorePaging` answers every listing as if `_skip` / `_cursor` were absent.
 * - `PUT /task/{id}/`: task writes (task-writes.ts), kept and logged in the event log.
 * - Errors: 400 `{"error": "<param>: …"}`, 404 `{"error": "Not found"}`, 405.
 */
export const BASE_PATH = "/api/v1";
export const DEMO_API_KEY = "api_5Qm2TtY8xWc3rVb1NhZk0L.4fGh7Jk2LmN9pQr3StUv6W";
export const DEFAULT_RATE_LIMIT = { limit: 100, windowMs: 10_000 };
export const DEFAULT_MAX_SKIP = 250_000;

export interface CloseSimulatorOptions extends SimulatorOptions<CloseData> {
  /** Per key and endpoint group. */
  rateLimit?: { limit: number; windowMs: number };
  /** Largest `_skip` that /activity/ accepts. */
  maxSkip?: number;
  /**
   * `GET /event/` refuses a listing filtered by dates alone: the documented combinations
   * all name an object type, object, lead, user or request (default false: allowed).
   */
  eventsRequireFilter?: boolean;
}

export interface CloseSimulatorStats {
  requests: number;
  byStatus: Record<number, number>;
  /** Requests per resource (`activity`, `event`, `contact`, …; `other` for the rest), counted as served. */
  byResource: Record<string, number>;
  /** Largest `_skip` asked of /activity/, refused or not. */
  maxActivitySkip: number;
}

export type CloseSimulator = Simulator & {
  data: CloseData;
  apiKey: string;
  stats: CloseSimulatorStats;
  maxSkip: number;
  /** The event log behind `GET /event/`. */
  events: EventLog;
  /** Changes to the account (edit, delete, schedule and send, merge), logged as Close logs them. */
  changes: CloseChanges;
};

const GROUPS = ["activity", "task", "contact", "lead", "me", "event", "custom_activity"] as const;

export function createCloseSimulator(world: World, opts: CloseSimulatorOptions = {}): CloseSimulator {
  const apiKey = opts.apiKey ?? DEMO_API_KEY;
  const now = opts.now ?? Date.now;
  const rate = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const maxSkip = opts.maxSkip ?? DEFAULT_MAX_SKIP;
  const data = opts.data ?? generateCloseData(world);
  const index = new ActivityIndex(data);
  const limiter = new SlidingLog(rate.limit, rate.windowMs, now);
  const contactsByLead = new Map<string, CloseContact[]>();
  const contactById = new Map<string, CloseContact>();
  const leadById = new Map<string, CloseLead>();
  const reindexPeople = () => {
    contactsByLead.clear();
    for (const c of data.contacts) contactsByLead.set(c.lead_id, [...(contactsByLead.get(c.lead_id) ?? []), c]);
    contactById.clear();
    for (const c of data.contacts) contactById.set(c.id, c);
    leadById.clear();
    for (const l of data.leads) leadById.set(l.id, l);
  };
  reindexPeople();
  const events = new EventLog(data.organization.id, world.rng.fork("close-events"), now, opts.eventsRequireFilter);
  events.seed(data, world.options.now.getTime());
  const changes = createCloseChanges(data, index, events, now, reindexPeople);
  const customTypeById = new Map(data.customActivityTypes.map((t) => [t.id, t]));
  const stats: CloseSimulatorStats = { requests: 0, byStatus: {}, byResource: {}, maxActivitySkip: 0 };

  const seconds = (ms: number) => String(Math.max(0, Math.ceil(ms)) / 1000);
  const rateHeader = (remaining: number, resetMs: number) =>
    `limit=${rate.limit}, remaining=${remaining}, reset=${seconds(resetMs)}`;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  const tooMany = (resetMs: number) =>
    json(
      429,
      {
        error: {
          rate_reset: Number(seconds(resetMs)),
          message: `API call count exceeded for this ${rate.windowMs / 1000} second window`,
          rate_limit: rate.limit,
          rate_window: rate.windowMs / 1000,
        },
      },
      { ratelimit: rateHeader(0, resetMs) },
    );

  function keyOf(req: Request): string | null {
    const h = req.headers.get("authorization")?.trim();
    if (!h) return null;
    const [scheme = "", cred = ""] = h.split(/\s+/, 2);
    if (scheme.toLowerCase() === "bearer") return cred;
    if (scheme.toLowerCase() !== "basic") return null;
    let decoded: string;
    try {
      decoded = Buffer.from(cred, "base64").toString("utf8");
    } catch {
      return null;
    }
    const colon = decoded.indexOf(":");
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }

  const withContacts = (l: CloseLead) => ({ ...l, contacts: contactsByLead.get(l.id) ?? [] });

  function list<T extends object>(rows: T[], q: URLSearchParams) {
    const limit = Math.min(intParam(q, "_limit", 100, 1), LIST_MAX_LIMIT);
    const skip = intParam(q, "_skip", 0, 0);
    if (skip > LIST_MAX_SKIP) throw new BadRequest(`_skip: the maximum is ${LIST_MAX_SKIP} for this resource.`);
    const page = rows.slice(skip, skip + limit);
    return { data: project(page, listParam(q, "_fields")), has_more: skip + page.length < rows.length };
  }

  function route(parts: string[], q: URLSearchParams, drift: number): unknown {
    const [resource, id, extra] = parts;
    if (extra !== undefined) return null;
    switch (resource) {
      case "me":
        if (id !== undefined) return null;
        return { ...data.users[0]!, organizations: [{ id: data.organization.id, name: data.organization.name }] };
      case "activity": {
        // Single activities live under per-type paths in Close (/activity/call/{id}/…): not simulated.
        if (id !== undefined) return null;
        stats.maxActivitySkip = Math.max(stats.maxActivitySkip, Number(q.get("_skip")) || 0);
        if (drift > 0) {
          const added = addCloseDriftItems(data, drift, new Date(now()));
          index.added(added);
          for (const a of added) events.recordActivity(a, "created");
        }
        return queryActivities(index, q, { maxSkip });
      }
      case "task":
        if (id !== undefined) return data.tasks.find((t) => t.id === id) ?? null;
        return queryTasks(data.tasks, q);
      case "contact": {
        if (id !== undefined) return contactById.get(id) ?? null;
        const leads = listParam(q, "lead_id");
        const ids = listParam(q, "id__in");
        const rows = data.contacts.filter((c) => (!leads || leads.includes(c.lead_id)) && (!ids || ids.includes(c.id)));
        return list(rows, q);
      }
      case "custom_activity":
        if (id !== undefined) return customTypeById.get(id) ?? null;
        return list(data.customActivityTypes, q);
      case "event":
        // Single events (/event/{id}/) are not simulated.
        if (id !== undefined) return null;
        return events.query(q);
      case "lead": {
        if (id !== undefined) {
          const l = leadById.get(id);
          return l ? project([withContacts(l)], listParam(q, "_fields"))[0] : null;
        }
        const page = list(data.leads, q);
        // Lead objects embed their contacts unless _fields leaves them out.
        const fields = listParam(q, "_fields");
        if (!fields || fields.includes("contacts"))
          page.data = page.data.map((l) => ({ ...l, contacts: contactsByLead.get((l as CloseLead).id) ?? [] }));
        return page;
      }
      default:
        return null;
    }
  }

  const harness = createHarness({
    faults: opts.faults,
    tooManyRequests: (retryAfterSeconds) => tooMany(retryAfterSeconds * 1000),
    unauthorized: () => json(401, { error: "Unauthorized" }),
    serverError: (status) => json(status, { error: "Internal server error" }),
    clientError: (status) =>
      json(status, {
        error: status === 403 ? "You don't have permission to do this." : "The request could not be processed.",
      }),
    async serve(req, { url, drift }) {
      if (!url.pathname.startsWith(`${BASE_PATH}/`)) return json(404, { error: "Not found" });
      const key = keyOf(req);
      if (key !== apiKey) return json(401, { error: "Unauthorized" });
      const parts = url.pathname
        .slice(BASE_PATH.length + 1)
        .split("/")
        .filter(Boolean);
      const group = (GROUPS as readonly string[]).includes(parts[0] ?? "") ? parts[0]! : "other";
      stats.byResource[group] = (stats.byResource[group] ?? 0) + 1;
      const slot = limiter.take(`${group}|${key}`);
      if (!slot.ok) return tooMany(slot.retryAfterMs);
      const headers = { ratelimit: rateHeader(slot.remaining, slot.resetAt - now()) };
      if (req.method === "PUT" && parts[0] === "task" && parts[1] && parts.length === 2) {
        try {
          const task = putCloseTask(data, changes, parts[1], await req.json().catch(() => null));
          return task ? json(200, task, headers) : json(404, { error: "Not found" }, headers);
        } catch (err) {
          if (err instanceof BadRequest) return json(400, { error: err.message }, headers);
          throw err;
        }
      }
      if (req.method !== "GET") return json(405, { error: `Method ${req.method} not allowed` }, headers);
      try {
        // (The shared ignorePaging fault has already dropped `_skip` / `_cursor` from `url`.)
        const q = new URLSearchParams(url.searchParams);
        const body = route(parts, q, drift);
        if (body === null || body === undefined) return json(404, { error: "Not found" }, headers);
        return json(200, body, headers);
      } catch (err) {
        if (err instanceof BadRequest) return json(400, { error: err.message }, headers);
        throw err;
      }
    },
  });

  async function handler(req: Request): Promise<Response> {
    const res = await harness.handler(req);
    stats.requests++;
    stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
    return res;
  }

  return { handler, faults: harness.faults, data, apiKey, stats, maxSkip, events, changes };
}
