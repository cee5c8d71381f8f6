import type { Rng } from "@/lib/sandbox/shared/prng";
import type { CloseData } from "./data";
import { rid } from "./data/ids";
import { BadRequest, dateParam, intParam } from "./params";
import { closeDate, type CloseActivity } from "./records";

/**
 * Close's event log, `GET /event/` (VENDORS.md "Close", "Event log"): every change to a lead,
 * contact, task or activity, 30 days deep, newest first by `date_updated`, `_limit` default
 * and maximum 50, paged with `_cursor` / `cursor_next` (no `_skip`). As Close documents:
 * - several changes to one object within a short time are consolidated into one event whose
 *   `date_updated` moves (its `date_created` stays);
 * - an event may appear slightly late (`lagMs`): a reader that asked a moment earlier did not
 *   see it although its `date_updated` is older than its read — hence "re-scan the latest 5
 *   minutes";
 * - only some filter combinations are allowed (others answer 400); `date_updated__gt/gte/
 *   lt/lte` go with any of them. Listing with no filter but the dates is allowed (assumed).
 * `data` is the object after the change (for `deleted`, as it was).
 */

export interface CloseEvent {
  id: string;
  date_created: string;
  date_updated: string;
  organization_id: string;
  user_id: string | null;
  request_id: string;
  api_key_id: string | null;
  object_type: string;
  object_id: string;
  lead_id: string | null;
  action: string;
  changed_fields: string[];
  previous_data: Record<string, unknown>;
  data: Record<string, unknown> | null;
  meta: Record<string, unknown>;
}

export interface EventInput {
  objectType: string;
  objectId: string;
  leadId: string | null;
  action: string;
  data: object | null;
  previousData?: Record<string, unknown>;
  changedFields?: string[];
  userId?: string | null;
  meta?: Record<string, unknown>;
  /** Shown this long after its `date_updated` (an event that arrives slightly out of order). */
  lagMs?: number;
}

export const EVENT_LOG_DAYS = 30;
export const EVENT_MAX_LIMIT = 50;
const DAY = 86_400_000;
/** Changes to one object closer together than this become one event. */
const CONSOLIDATE_MS = 60_000;
const FILTERS = ["object_type", "object_id", "lead_id", "action", "user_id", "request_id"] as const;
/** Close's supported combinations (sorted), plus none at all. */
const ALLOWED = new Set(
  [
    [],
    ["object_type", "object_id"],
    ["object_type", "action"],
    ["object_id", "action"],
    ["lead_id", "object_type"],
    ["lead_id", "object_type", "action"],
    ["lead_id", "user_id", "object_type"],
    ["lead_id", "user_id", "object_type", "action"],
    ["lead_id", "user_id"],
    ["user_id", "object_id"],
    ["user_id", "object_id", "action"],
    ["user_id", "object_type"],
    ["user_id", "object_type", "action"],
    ["lead_id"],
    ["user_id"],
    ["request_id"],
  ].map((c) => [...c].sort().join(",")),
);

/** `activity.email`, `activity.custom_activity`, … for an activity's `_type`. */
export function activityObjectType(type: string): string {
  if (type === "Custom") return "activity.custom_activity";
  return `activity.${type.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase()}`;
}

interface Stored {
  event: CloseEvent;
  visibleAt: number;
}

const key = (s: { event: CloseEvent }) => `${s.event.date_updated}\u0000${s.event.id}`;

export class EventLog {
  /** Ascending by (date_updated, id). */
  private readonly rows: Stored[] = [];
  private readonly latest = new Map<string, Stored>();

  constructor(
    private readonly orgId: string,
    private readonly rng: Rng,
    private readonly now: () => number,
    /** Refuse a listing with no filter but dates (the documented list of combinations, read literally). */
    private readonly requireFilter = false,
  ) {}

  /** The events a world generated at `worldNow` would have logged in its last 30 days. */
  seed(data: CloseData, worldNow: number): void {
    const from = closeDate(worldNow - EVENT_LOG_DAYS * DAY);
    const objects: {
      type: string;
      row: { id: string; date_created: string; date_updated: string } & object;
      lead: string | null;
      user: string | null;
    }[] = [];
    for (const l of data.leads) objects.push({ type: "lead", row: l, lead: l.id, user: l.created_by });
    for (const c of data.contacts) objects.push({ type: "contact", row: c, lead: c.lead_id, user: c.created_by });
    for (const t of data.tasks) objects.push({ type: `task.${t._type}`, row: t, lead: t.lead_id, user: t.created_by });
    for (const a of data.activities)
      objects.push({ type: activityObjectType(a._type), row: a, lead: a.lead_id, user: a.user_id });
    const out: Stored[] = [];
    for (const o of objects) {
      const { date_created: created, date_updated: updated } = o.row;
      if (updated < from) continue;
      const base = {
        organization_id: this.orgId,
        user_id: o.user,
        api_key_id: null,
        object_type: o.type,
        object_id: o.row.id,
        lead_id: o.lead,
        previous_data: {},
        meta: {},
      };
      if (created >= from) {
        const event = {
          ...base,
          id: rid(this.rng, "ev_", 22),
          request_id: rid(this.rng, "req_", 22),
          date_created: created,
          date_updated: created,
          action: "created",
          changed_fields: [],
          data: o.row as Record<string, unknown>,
        };
        out.push({ event, visibleAt: Date.parse(created) });
      }
      if (Date.parse(updated) - Date.parse(created) > CONSOLIDATE_MS) {
        const changed =
          o.type === "activity.meeting" ? ["status"] : o.type.startsWith("task.") ? ["is_complete"] : ["date_updated"];
        const event = {
          ...base,
          id: rid(this.rng, "ev_", 22),
          request_id: rid(this.rng, "req_", 22),
          date_created: updated,
          date_updated: updated,
          action: "updated",
          changed_fields: changed,
          data: o.row as Record<string, unknown>,
        };
        out.push({ event, visibleAt: Date.parse(updated) });
      }
    }
    out.sort((a, b) => (key(a) < key(b) ? -1 : 1));
    this.rows.push(...out);
    for (const s of out) this.latest.set(`${s.event.object_type}|${s.event.object_id}`, s);
  }

  /** Logs a change now; a change to the same object within a minute of its last event updates that event. */
  record(input: EventInput): CloseEvent {
    const nowMs = this.now();
    const at = closeDate(nowMs);
    const objectKey = `${input.objectType}|${input.objectId}`;
    const prev = this.latest.get(objectKey);
    const data = input.data ? ({ ...input.data } as Record<string, unknown>) : null;
    if (
      prev &&
      prev.event.action !== "deleted" &&
      input.action !== "deleted" &&
      input.action !== "merged" &&
      nowMs - Date.parse(prev.event.date_updated) <= CONSOLIDATE_MS
    ) {
      this.remove(prev);
      const event: CloseEvent = {
        ...prev.event,
        date_updated: at,
        data,
        changed_fields: [...new Set([...prev.event.changed_fields, ...(input.changedFields ?? [])])],
        previous_data: { ...(input.previousData ?? {}), ...prev.event.previous_data },
        meta: { ...prev.event.meta, ...(input.meta ?? {}) },
      };
      return this.insert({ event, visibleAt: nowMs + (input.lagMs ?? 0) }, objectKey);
    }
    const event: CloseEvent = {
      id: rid(this.rng, "ev_", 22),
      date_created: at,
      date_updated: at,
      organization_id: this.orgId,
      user_id: input.userId ?? null,
      request_id: rid(this.rng, "req_", 22),
      api_key_id: null,
      object_type: input.objectType,
      object_id: input.objectId,
      lead_id: input.leadId,
      action: input.action,
      changed_fields: input.changedFields ?? [],
      previous_data: input.previousData ?? {},
      data,
      meta: input.meta ?? {},
    };
    return this.insert({ event, visibleAt: nowMs + (input.lagMs ?? 0) }, objectKey);
  }

  /** An activity's change, with its object type and lead. */
  recordActivity(a: CloseActivity, action: string, more: Partial<EventInput> = {}): CloseEvent {
    return this.record({
      objectType: activityObjectType(a._type),
      objectId: a.id,
      leadId: a.lead_id,
      action,
      data: a,
      userId: a.user_id,
      ...more,
    });
  }

  get size(): number {
    return this.rows.length;
  }

  /** `GET /event/`. */
  query(q: URLSearchParams) {
    const limit = Math.min(intParam(q, "_limit", EVENT_MAX_LIMIT, 1), EVENT_MAX_LIMIT);
    const used = FILTERS.filter((f) => q.get(f));
    if (!ALLOWED.has([...used].sort().join(",")) || (this.requireFilter && used.length === 0))
      throw new BadRequest(`${used.join(", ")}: this combination of filters is not supported.`);
    const range = {
      gt: dateParam(q, "date_updated__gt"),
      gte: dateParam(q, "date_updated__gte"),
      lt: dateParam(q, "date_updated__lt"),
      lte: dateParam(q, "date_updated__lte"),
    };
    let before: { u: string; i: string } | null = null;
    const cursor = q.get("_cursor");
    if (cursor) {
      try {
        const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { u?: unknown; i?: unknown };
        if (typeof c.u !== "string" || typeof c.i !== "string") throw new Error("shape");
        before = { u: c.u, i: c.i };
      } catch {
        throw new BadRequest("_cursor: invalid cursor");
      }
    }
    const nowMs = this.now();
    const oldest = closeDate(nowMs - EVENT_LOG_DAYS * DAY);
    const page: CloseEvent[] = [];
    let more = false;
    for (let k = this.rows.length - 1; k >= 0; k--) {
      const { event: e, visibleAt } = this.rows[k]!;
      if (e.date_updated < oldest) break;
      if (visibleAt > nowMs) continue;
      if (before && (e.date_updated > before.u || (e.date_updated === before.u && e.id >= before.i))) continue;
      if (range.gt && !(e.date_updated > range.gt)) continue;
      if (range.gte && !(e.date_updated >= range.gte)) continue;
      if (range.lt && !(e.date_updated < range.lt)) continue;
      if (range.lte && !(e.date_updated <= range.lte)) continue;
      if (!used.every((f) => e[f] === q.get(f))) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(e);
    }
    const last = page.at(-1);
    const encode = (e: CloseEvent) => Buffer.from(JSON.stringify({ u: e.date_updated, i: e.id })).toString("base64url");
    return { data: page, cursor_next: more && last ? encode(last) : null, cursor_previous: null };
  }

  private insert(s: Stored, objectKey: string): CloseEvent {
    const k = key(s);
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(this.rows[mid]!) < k) lo = mid + 1;
      else hi = mid;
    }
    this.rows.splice(lo, 0, s);
    this.latest.set(objectKey, s);
    return s.event;
  }

  private remove(s: Stored): void {
    const i = this.rows.indexOf(s);
    if (i >= 0) this.rows.splice(i, 1);
  }
}
