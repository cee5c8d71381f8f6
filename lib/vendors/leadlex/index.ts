import "server-only";
import { normaliseEmail } from "@/lib/model/contact";
import { VendorAuthError, VendorRequestError } from "@/lib/vendors/shared/errors";
import type { Connector, ConnectorContext, ConnectorSession, PersonRef, Stream, SyncBatch } from "@/lib/vendors/types";
import { activitiesStream } from "./activities-stream";
import { BASE_INTERVAL_MS, nextSyncAt, planDay, reserveOf, RunBudget, type BudgetSettings } from "./budget";
import { campaignsStream } from "./campaigns-stream";
import { createLeadlexClient, realClock, type Clock, type LeadlexClient } from "./client";
import { readWindow } from "./contact-reads";
import { contactsStream } from "./contacts-stream";
import type { StreamDeps } from "./deps";
import { mapTask, personOfContact, personOfContactId } from "./map";
import { guardedPages, PageGuard } from "./paging";
import { planOfLimit, type PlanSetting, type Quota } from "./quota";
import { contactRowSchema, parseRows, taskRowSchema, type Warn } from "./schemas";
import { budgetView } from "./budget-view";
import { hasStoredSettings, settingsOf, storedPause, storedQuota } from "./settings";
import { tasksStream } from "./tasks-stream";

export type { ActivitiesState } from "./activities-stream";
export type { ContactsState } from "./contacts-stream";
export type { Clock } from "./client";

export interface LeadlexConnectorOptions {
  /** Look-back when a contact's news is read again (default 1 hour). */
  overlapMs?: number;
  timeoutMs?: number;
  maxRetries?: number;
  maxBackoffMs?: number;
  /** Defaults where the connection stores no setting (the settings stored on the connection win). */
  plan?: PlanSetting;
  scheduledShare?: number;
  /** The scheduler's interval, the shortest between two scheduled syncs (default 15 min). */
  baseIntervalMs?: number;
  /** Tests: a simulated clock, whose `sleep` the pacer's waits go through. */
  clock?: Clock;
}

/** The live path reads the newest pages of a contact only: the scheduled syncs read its history. */
const REFRESH_PAGES = 2;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (ms: number) => new Date(ms).toISOString();

export function createLeadlexConnector(options: LeadlexConnectorOptions = {}): Connector {
  return {
    vendor: "leadlex",
    defaultBaseUrl: "https://data.leadlex.com/functions/v1/api-gateway",
    // VENDORS.md: Leadlex documents task creation only, no update: its tasks stay read-only.
    tasks: {
      capabilities: {
        complete: false,
        reopen: false,
        reschedule: false,
        reassign: false,
        priority: false,
        readOnly:
          "Leadlex's API has no way to change an existing task (it documents creating tasks only), so Leadlex tasks are read-only here. Change them in Leadlex.",
      },
    },
    dailyBudget: budgetView,
    open(ctx: ConnectorContext): ConnectorSession {
      const meta = ctx.meta ?? {};
      const stored = settingsOf(meta);
      const hasSettings = hasStoredSettings(meta);
      const plan = hasSettings ? stored.plan : (options.plan ?? stored.plan);
      const settings: BudgetSettings = {
        scheduledShare: hasSettings ? stored.scheduledShare : (options.scheduledShare ?? stored.scheduledShare),
        baseIntervalMs: options.baseIntervalMs ?? BASE_INTERVAL_MS,
      };
      const clock: Clock = options.clock ?? (ctx.now ? { ...realClock, now: () => ctx.now!().getTime() } : realClock);
      const report = (m: Record<string, unknown>) => ctx.onMeta?.(m);
      let budget: RunBudget | null = null;

      const quotaFacts = (q: Quota) => ({
        quota: {
          remaining: q.remaining,
          limit: q.limit,
          resetAt: iso(q.resetAt),
          used: Math.max(0, q.limit - q.remaining),
          reserve: reserveOf(q.limit, settings.scheduledShare),
          scheduledShare: settings.scheduledShare,
          source: q.source,
          plan: planOfLimit(q.limit),
          planSetting: plan,
        },
      });

      const client = createLeadlexClient({
        baseUrl: ctx.baseUrl,
        apiKey: ctx.apiKey,
        signal: ctx.signal,
        onRateLimitWait: ctx.onRateLimitWait,
        onQuota: (q) => report(quotaFacts(q)),
        onPaused: (resetAt) => report({ pausedUntil: iso(resetAt), nextSyncAt: iso(resetAt + 60_000) }),
        onRequest: () => budget?.count(),
        warn: ctx.warn,
        timeoutMs: options.timeoutMs ?? ctx.http?.timeoutMs,
        maxRetries: options.maxRetries,
        maxBackoffMs: options.maxBackoffMs ?? ctx.http?.maxBackoffMs,
        plan,
        known: storedQuota(meta),
        pausedUntil: storedPause(meta),
        clock,
      });
      budget = new RunBudget(client.quota, clock.now, client.perMinute, settings);
      const runBudget = budget;

      /** When the next scheduled sync may start, and that nothing is paused: reported at a run's end. */
      const schedule = () => {
        const q = client.quota();
        const day = planDay(q, clock.now(), client.perMinute(), settings);
        return {
          ...quotaFacts(q),
          pausedUntil: null,
          nextSyncAt: iso(nextSyncAt(day, q, clock.now())),
          schedule: { intervalMs: day.intervalMs, runSpent: runBudget.spent },
        };
      };

      const horizon = ctx.history?.from ? Date.parse(ctx.history.from) : NaN;
      const deps: StreamDeps = {
        client,
        budget: runBudget,
        now: () => new Date(clock.now()),
        warn: ctx.warn,
        horizonMs: Number.isFinite(horizon) ? horizon : null,
        overlapMs: options.overlapMs ?? 60 * 60_000,
        report: (m) => report({ ...m, ...schedule() }),
        shared: { directory: null },
      };
      return {
        async verifyKey() {
          const first = await client.listContacts({ page: 1, perPage: 1 });
          const id = (first.rows[0] as { id?: unknown } | undefined)?.id;
          // A key may read contacts yet lack `activities:read` (seed 003): ask once to find out.
          if (typeof id === "string" || typeof id === "number") {
            try {
              await client.listActivities(String(id), { page: 1, perPage: 1 });
            } catch (err) {
              if (err instanceof VendorAuthError && err.status === 403)
                throw new VendorAuthError("leadlex", 403, "The Leadlex key lacks the activities:read permission");
              if (!(err instanceof VendorRequestError && err.status === 404)) throw err;
            }
          }
        },
        streams: () =>
          [contactsStream(deps), campaignsStream(deps), tasksStream(deps), activitiesStream(deps)] as Stream[],
        refreshPerson: (person) => refreshPerson(client, ctx.warn, person),
      };
    },
  };
}

export const leadlexConnector: Connector = createLeadlexConnector();

/**
 * The live path (what the daily reserve is kept for): find the contact by its stored
 * uuid, or by `search=<email>` with the email matched exactly (search is partial), then
 * read its newest activities and its tasks. It does not count against the scheduled share.
 */
async function refreshPerson(
  client: LeadlexClient,
  warn: Warn | undefined,
  person: { email: string | null; identities: { vendorId: string; kind: string | null }[] },
): Promise<SyncBatch> {
  const email = normaliseEmail(person.email);
  // Leadlex ids are uuids; other vendors' "contact" identities are not ours.
  const known = person.identities.find(
    (i) => (i.kind === "contact" || i.kind === null) && UUID_RE.test(i.vendorId),
  )?.vendorId;

  const read = async (id: string, ref: PersonRef): Promise<SyncBatch> => {
    const { activities } = await readWindow({ client, warn }, id, ref, {}, undefined, REFRESH_PAGES);
    const tasks = await contactTasks(client, warn, id, ref);
    return { people: [ref], activities, tasks };
  };

  if (known) {
    try {
      return await read(known, { ...personOfContactId(known)!, email: person.email });
    } catch (err) {
      // The stored contact was deleted: look the person up by email instead.
      if (!(err instanceof VendorRequestError && err.status === 404)) throw err;
    }
  }
  if (!email) return {};
  const found = await findByEmail(client, warn, email);
  return found ? read(found.identities[0]!.vendorId, found) : {};
}

async function findByEmail(client: LeadlexClient, warn: Warn | undefined, email: string): Promise<PersonRef | null> {
  const guard = new PageGuard("leadlex", "contacts");
  for await (const p of guardedPages((page) => client.listContacts({ page, search: email }), guard)) {
    for (const r of parseRows(p.rows, contactRowSchema, "contact", warn).rows) {
      if (normaliseEmail(r.value.email) === email) return personOfContact(r.value);
    }
  }
  return null;
}

async function contactTasks(client: LeadlexClient, warn: Warn | undefined, contactId: string, person: PersonRef) {
  const tasks = [];
  const guard = new PageGuard("leadlex", "tasks");
  for await (const p of guardedPages((page) => client.listTasks({ page, contactId }), guard)) {
    for (const r of parseRows(p.rows, taskRowSchema, "task", warn).rows) tasks.push(mapTask(r.value, r.raw, person));
  }
  return tasks;
}
