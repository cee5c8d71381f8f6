import "server-only";
import { nullOn404, VendorRequestError } from "@/lib/vendors/shared/errors";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { MappedTask, PersonRef, SyncBatch } from "@/lib/vendors/types";
import { contactInfo, mapCloseContact } from "./map";
import { readLead } from "./refresh";
import { closeContactSchema, closeEventSchema, type CloseEventRow } from "./schemas";
import type { CloseSession } from "./session";

/**
 * Follows Close's event log (VENDORS.md "Event log") from a point in time: what changed in
 * Close since the last sync, newest first, cursor-paged.
 * - `activity.*`: `deleted` removes the item; any other action re-reads the activity by id
 *   (`id__in`) — the event's `data` may be stale (events are consolidated and can arrive out
 *   of order) or, for non-admin keys, absent, while the listing is Close's current truth.
 * - `task.*`: `deleted` removes the task; otherwise the task from `data` (else re-read).
 * - `contact`: the person from `data` (else re-read), with its lead's name as company.
 * - `lead` `merged`: the destination lead is re-read whole (contacts, activities, tasks),
 *   so people and their items sit on the lead they moved to.
 * Only the newest event of an object in one read counts, except that a deletion always does.
 */

/** How the log is read: all events at once (`date_updated` only), or per documented (object_type, action) pair. */
export type EventsMode = "all" | "pairs";

/** If Close refuses a listing with no filter but dates, these documented `object_type` + `action` pairs instead. */
const PAIRS: [string, string][] = [
  ...["email", "call", "note", "meeting", "sms", "custom_activity", "whatsapp_message"].flatMap(
    (t): [string, string][] => [
      [`activity.${t}`, "updated"],
      [`activity.${t}`, "deleted"],
    ],
  ),
  ["activity.email", "sent"],
  ["contact", "created"],
  ["contact", "updated"],
  ["task.lead", "created"],
  ["task.lead", "updated"],
  ["task.lead", "deleted"],
  ["lead", "merged"],
];

export interface FeedPage {
  batch: SyncBatch;
  deleted: { activities: string[]; tasks: string[] };
  skipped: number;
  warnings: string[];
  events: number;
}

export async function* readEventLog(
  s: CloseSession,
  sinceMs: number,
  mode: EventsMode,
  onMode: (m: EventsMode) => void,
): AsyncGenerator<FeedPage> {
  const handled = new Set<string>();
  const since = new Date(sinceMs).toISOString();
  const queries = (m: EventsMode) =>
    m === "all" ? [{}] : PAIRS.map(([object_type, action]) => ({ object_type, action }));
  let list = queries(mode);
  for (let q = 0; q < list.length; q++) {
    const guard = new PageGuard("close", "events");
    let cursor: string | null = null;
    for (;;) {
      let page;
      try {
        page = await s.client.listEvents({ ...list[q], date_updated__gt: since, _limit: 50, _cursor: cursor });
      } catch (err) {
        if (mode === "all" && err instanceof VendorRequestError && err.status === 400 && cursor === null) {
          s.ctx.warn?.("close: the event log refused a listing by date alone; reading it per object type and action");
          mode = "pairs";
          onMode(mode);
          list = queries(mode);
          q = -1;
          break;
        }
        throw err;
      }
      const ids = page.rows.map((r) => String((r as { id?: unknown })?.id ?? ""));
      if (page.rows.length && !guard.fresh(ids)) {
        yield { ...empty(), warnings: [guard.warning()] };
        break;
      }
      yield await apply(s, page.rows, handled);
      if (!page.cursorNext || page.rows.length === 0) break;
      cursor = page.cursorNext;
    }
  }
}

const empty = (): FeedPage => ({
  batch: {},
  deleted: { activities: [], tasks: [] },
  skipped: 0,
  warnings: [],
  events: 0,
});

async function apply(s: CloseSession, rows: unknown[], handled: Set<string>): Promise<FeedPage> {
  const out = empty();
  const { ok, skipped } = s.parseRows(rows, "event", closeEventSchema);
  out.skipped = skipped;
  out.events = rows.length;
  const reread: string[] = [];
  const people: PersonRef[] = [];
  const tasks: MappedTask[] = [];
  const merged: string[] = [];
  for (const { row: e } of ok) {
    const key = `${e.object_type}|${e.object_id}`;
    const deleted = e.action === "deleted";
    // A newer event of this object was applied — unless this one deletes it: a deletion is
    // final (read per object type and action, it may come after the object's updates).
    if (handled.has(key) && !deleted) continue;
    handled.add(key);
    if (e.object_type.startsWith("activity.")) {
      if (deleted) out.deleted.activities.push(`close:${e.object_id}`);
      else reread.push(e.object_id);
    } else if (e.object_type.startsWith("task")) {
      if (deleted) out.deleted.tasks.push(`close:${e.object_id}`);
      else tasks.push(...(await taskOf(s, e)));
    } else if (e.object_type === "contact") {
      if (!deleted) {
        const p = await personOf(s, e);
        if (p) people.push(p);
      }
    } else if (e.object_type === "lead" && e.action === "merged") {
      merged.push(e.object_id);
    }
  }
  const activities = [];
  for (let i = 0; i < reread.length; i += 100) {
    const part = reread.slice(i, i + 100);
    const page = await s.client.listActivities({ id__in: part.join(","), _limit: 100 });
    const mapped = await s.mapActivities(page.rows);
    activities.push(...mapped.activities);
    out.skipped += mapped.skipped;
  }
  const batch: Required<Pick<SyncBatch, "people" | "activities" | "tasks">> = { people, activities, tasks };
  for (const leadId of merged) {
    const lead = await readLead(s, leadId);
    batch.people.push(...(lead.people ?? []));
    batch.activities.push(...(lead.activities ?? []));
    batch.tasks.push(...(lead.tasks ?? []));
  }
  out.batch = batch;
  return out;
}

async function personOf(s: CloseSession, e: CloseEventRow): Promise<PersonRef | null> {
  let c = closeContactSchema.safeParse(e.data);
  if (!c.success) c = closeContactSchema.safeParse(await nullOn404(() => s.client.getContact(e.object_id)));
  if (!c.success) return null;
  const company = c.data.lead_id ? await s.leadName(c.data.lead_id) : null;
  s.directory.set(c.data.id, contactInfo(c.data, company));
  return mapCloseContact(c.data, company);
}

async function taskOf(s: CloseSession, e: CloseEventRow): Promise<MappedTask[]> {
  const fromData = s.mapTasks(e.data && typeof e.data === "object" ? [e.data] : []);
  if (fromData.tasks.length) return fromData.tasks;
  const raw = await nullOn404(() => s.client.getTask(e.object_id));
  return raw ? s.mapTasks([raw]).tasks : [];
}
