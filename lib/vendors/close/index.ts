import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type {
  Connector,
  ConnectorContext,
  MappedActivity,
  MappedTask,
  PersonRef,
  Stream,
  StreamPage,
  SyncBatch,
} from "@/lib/vendors/types";
import { pageActivitySlice } from "./activity-pages";
import { createCloseClient, type CloseClientOptions } from "./client";
import { contactInfo, mapCloseActivity, mapCloseContact, mapCloseTask, type ContactInfo } from "./map";
import { closeActivitySchema, closeContactSchema, closeLeadSchema, closeTaskSchema } from "./schemas";

/**
 * Touchline's Close connector. Streams, in the order the engine runs them:
 * - `contacts`: the whole `/contact/` listing → people (company from `/lead/`).
 * - `activities`: `/activity/` in `date_created` windows from the high-water mark
 *   (first sync: `firstSyncDays` back) to the sync's start, newest first inside a
 *   window, paged by `_skip` and split before Close's `_skip` maximum.
 * - `tasks`: `/task/?_type=all` (without `_type` Close returns only `lead` tasks),
 *   every status, oldest first; the last page reconciles open tasks.
 * Activities and tasks name their contact by id; the email comes from the contact
 * listing of the same session.
 */

const DAY = 86_400_000;

export interface CloseConnectorOptions {
  /** How far back a first sync starts. */
  firstSyncDays?: number;
  /** Look-back before the stored high-water mark on a re-sync (rows upsert by id). */
  overlapMs?: number;
  initialWindowMs?: number;
  minWindowMs?: number;
  maxWindowMs?: number;
  /** A window that took more pages than this halves the next one; one under a quarter of it doubles it. */
  targetPagesPerWindow?: number;
  pageSize?: number;
  /** Close's `_skip` maximum on /activity/ (250 000). */
  maxSkip?: number;
  /** Client settings (tests shorten timeouts and backoff, or pace faster against a faster sandbox). */
  client?: Pick<CloseClientOptions, "pace" | "timeoutMs" | "maxRetries" | "maxRateLimitRetries" | "maxBackoffMs">;
}

export type CloseActivitiesState = { hwm: string | null };
export type CloseListingState = { listedAt: string | null };

const DEFAULTS = {
  firstSyncDays: 180,
  overlapMs: 60 * 60_000,
  initialWindowMs: 14 * DAY,
  minWindowMs: 60_000,
  maxWindowMs: 60 * DAY,
  targetPagesPerWindow: 20,
  pageSize: 100,
  maxSkip: 250_000,
} satisfies Omit<Required<CloseConnectorOptions>, "client">;

function describeWindow(from: number, to: number): string {
  const f = (ms: number) => {
    const s = new Date(ms).toISOString();
    return to - from >= DAY && s.endsWith("T00:00:00.000Z") ? s.slice(0, 10) : s.slice(0, 16).replace("T", " ");
  };
  return `${f(from)} → ${f(to)}`;
}

export function createCloseConnector(options: CloseConnectorOptions = {}): Connector {
  const o = { ...DEFAULTS, ...options };
  return {
    vendor: "close",
    defaultBaseUrl: "https://api.close.com/api/v1",
    open(ctx: ConnectorContext) {
      const client = createCloseClient({
        baseUrl: ctx.baseUrl,
        apiKey: ctx.apiKey,
        signal: ctx.signal,
        onRateLimitWait: ctx.onRateLimitWait,
        ...ctx.http,
        ...options.client,
      });
      const now = () => (ctx.now ? ctx.now() : new Date()).getTime();
      // Filled by the contacts stream; gives activities and tasks their contact's email.
      const directory = new Map<string, ContactInfo>();
      const lookup = (id: string) => directory.get(id);

      function parseRows<T>(
        rows: unknown[],
        what: string,
        schema: {
          safeParse(
            v: unknown,
          ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
        },
      ): { ok: { row: T; raw: unknown }[]; skipped: number } {
        const ok: { row: T; raw: unknown }[] = [];
        let skipped = 0;
        for (const raw of rows) {
          const r = schema.safeParse(raw);
          if (r.success) ok.push({ row: r.data, raw });
          else {
            skipped++;
            const id =
              raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string"
                ? (raw as { id: string }).id
                : null;
            ctx.warn?.(`close: skipped a ${what} row the schema did not accept`, {
              id,
              issues: r.error.issues.map((i) => i.path.map(String).join(".") || "(row)"),
            });
          }
        }
        return { ok, skipped };
      }

      function mapActivities(rows: unknown[]): { activities: MappedActivity[]; skipped: number } {
        const { ok, skipped } = parseRows(rows, "activity", closeActivitySchema);
        const activities: MappedActivity[] = [];
        for (const { row, raw } of ok) {
          const m = mapCloseActivity(row, raw, lookup);
          if (m) activities.push(m);
        }
        return { activities, skipped };
      }

      function mapTasks(rows: unknown[]): { tasks: MappedTask[]; skipped: number } {
        const { ok, skipped } = parseRows(rows, "task", closeTaskSchema);
        return { tasks: ok.map(({ row, raw }) => mapCloseTask(row, raw, lookup)), skipped };
      }

      async function leadNames(): Promise<Map<string, string>> {
        const names = new Map<string, string>();
        for (let skip = 0; ; skip += o.pageSize) {
          const page = await client.listLeads({ _fields: "id,name,display_name", _skip: skip, _limit: o.pageSize });
          for (const raw of page.rows) {
            const l = closeLeadSchema.safeParse(raw);
            if (l.success) names.set(l.data.id, l.data.name || l.data.display_name || "");
          }
          if (!page.hasMore || page.rows.length === 0) return names;
        }
      }

      const contacts: Stream<CloseListingState> = {
        name: "contacts",
        async *pages(state) {
          const startedAt = new Date(now()).toISOString();
          const companies = await leadNames();
          let done = 0;
          for (let skip = 0; ; skip += o.pageSize) {
            const page = await client.listContacts({ _skip: skip, _limit: o.pageSize });
            const { ok, skipped } = parseRows(page.rows, "contact", closeContactSchema);
            const people: PersonRef[] = [];
            for (const { row } of ok) {
              const company = row.lead_id ? (companies.get(row.lead_id) ?? null) : null;
              directory.set(row.id, contactInfo(row, company));
              people.push(mapCloseContact(row, company));
            }
            done += page.rows.length;
            const last = !page.hasMore || page.rows.length === 0;
            yield {
              batch: { people },
              state: last ? { listedAt: startedAt } : (state ?? { listedAt: null }),
              progress: { done },
              skipped,
            };
            if (last) return;
          }
        },
      };

      const activities: Stream<CloseActivitiesState> = {
        name: "activities",
        async *pages(state) {
          // Windows end at the sync's start: rows created meanwhile belong to the next sync.
          const runEnd = now();
          const hwm = state?.hwm ? Date.parse(state.hwm) : NaN;
          let from = Number.isFinite(hwm) ? hwm - o.overlapMs : runEnd - o.firstSyncDays * DAY;
          let size = o.initialWindowMs;
          let current: CloseActivitiesState = state ?? { hwm: null };
          let done = 0;
          while (from < runEnd) {
            const to = Math.min(runEnd, from + size);
            const window = describeWindow(from, to);
            let pages = 0;
            for await (const page of pageActivitySlice(
              client,
              {},
              { gte: new Date(from).toISOString(), lt: new Date(to).toISOString() },
              o,
            )) {
              pages++;
              done += page.rows.length;
              const { activities, skipped } = mapActivities(page.rows);
              if (page.last) current = { hwm: new Date(to).toISOString() };
              const out: StreamPage<CloseActivitiesState> = {
                batch: { activities },
                state: current,
                progress: { done, window },
                skipped,
              };
              yield out;
            }
            if (pages > o.targetPagesPerWindow) size = Math.max(o.minWindowMs, Math.floor(size / 2));
            else if (pages * 4 <= o.targetPagesPerWindow) size = Math.min(o.maxWindowMs, size * 2);
            from = to;
          }
        },
      };

      const tasks: Stream<CloseListingState> = {
        name: "tasks",
        async *pages(state) {
          const startedAt = new Date(now()).toISOString();
          const seen: string[] = [];
          let done = 0;
          // Oldest first: tasks created during the listing land after it instead of shifting pages.
          for (let skip = 0; ; skip += o.pageSize) {
            const page = await client.listTasks({
              _type: "all",
              _order_by: "date_created",
              _skip: skip,
              _limit: o.pageSize,
            });
            // Unreadable rows still exist in Close: they must not be reconciled to done.
            for (const raw of page.rows) {
              const id = raw && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
              if (typeof id === "string") seen.push(`close:${id}`);
            }
            const { tasks, skipped } = mapTasks(page.rows);
            done += page.rows.length;
            const last = !page.hasMore || page.rows.length === 0;
            yield {
              batch: { tasks },
              state: last ? { listedAt: startedAt } : (state ?? { listedAt: null }),
              progress: { done },
              skipped,
              ...(last ? { reconcileOpenTasks: { seenTaskIds: seen } } : {}),
            };
            if (last) return;
          }
        },
      };

      async function refreshPerson(person: {
        email: string | null;
        identities: { vendorId: string; kind: string | null }[];
      }): Promise<SyncBatch> {
        const leadIds = new Set<string>();
        for (const id of person.identities) {
          // Close ids carry their prefix; other vendors' identities (lemlist lea_…) are ignored.
          if (id.vendorId.startsWith("lead_")) leadIds.add(id.vendorId);
          else if (id.vendorId.startsWith("cont_")) {
            const known = directory.get(id.vendorId)?.leadId;
            if (known) leadIds.add(known);
            else {
              const c = closeContactSchema.safeParse(await getOrNull(() => client.getContact(id.vendorId)));
              if (c.success && c.data.lead_id) leadIds.add(c.data.lead_id);
            }
          }
        }
        const batch: Required<Pick<SyncBatch, "people" | "activities" | "tasks">> = {
          people: [],
          activities: [],
          tasks: [],
        };
        for (const leadId of leadIds) {
          const lead = closeLeadSchema.safeParse(await getOrNull(() => client.getLead(leadId)));
          if (!lead.success) continue;
          const company = lead.data.name || lead.data.display_name || null;
          const { ok } = parseRows(lead.data.contacts ?? [], "contact", closeContactSchema);
          for (const { row } of ok) {
            directory.set(row.id, contactInfo(row, company));
            batch.people.push(mapCloseContact(row, company));
          }
          for await (const page of pageActivitySlice(client, { lead_id: leadId }, {}, o))
            batch.activities.push(...mapActivities(page.rows).activities);
          for (let skip = 0; ; skip += o.pageSize) {
            const page = await client.listTasks({
              _type: "all",
              lead_id: leadId,
              _order_by: "date_created",
              _skip: skip,
              _limit: o.pageSize,
            });
            batch.tasks.push(...mapTasks(page.rows).tasks);
            if (!page.hasMore || page.rows.length === 0) break;
          }
        }
        return batch;
      }

      return {
        async verifyKey() {
          await client.me();
        },
        streams: () => [contacts, activities, tasks] as Stream[],
        refreshPerson,
      };
    },
  };
}

/** A record that may have been deleted: 404 is an answer (null), anything else is thrown. */
async function getOrNull(get: () => Promise<unknown>): Promise<unknown> {
  try {
    return await get();
  } catch (err) {
    if (err instanceof VendorRequestError && err.status === 404) return null;
    throw err;
  }
}

export const closeConnector: Connector = createCloseConnector();
