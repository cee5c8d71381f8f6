import { normaliseEmail } from "@/lib/model/contact";
import { VendorAuthError, VendorRequestError } from "@/lib/vendors/shared/errors";
import type { Connector, ConnectorContext, ConnectorSession, PersonRef, Stream, SyncBatch } from "@/lib/vendors/types";
import { DEFAULT_BUDGET, type BudgetOptions } from "./budget";
import { allPages, createLeadlexClient, type LeadlexClient } from "./client";
import { mapTask, personOfContact, personOfContactId } from "./map";
import { contactRowSchema, parseRows, taskRowSchema, type Warn } from "./schemas";
import {
  activitiesStream,
  campaignsStream,
  contactActivities,
  contactsStream,
  tasksStream,
  type StreamDeps,
} from "./streams";

export type { ActivitiesState } from "./budget";
export type { ListingState } from "./streams";

export interface LeadlexConnectorOptions extends Partial<BudgetOptions> {
  /** Look-back when a contact's activities are read again (default 1 hour). */
  overlapMs?: number;
  timeoutMs?: number;
  maxRetries?: number;
  maxBackoffMs?: number;
  /** Pacing until the first answer's headers tell the plan (default Starter: 10 / min, 100 / day). */
  perMinute?: number;
  perDay?: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createLeadlexConnector(options: LeadlexConnectorOptions = {}): Connector {
  const budget: BudgetOptions = {
    maxContactsPerRun: options.maxContactsPerRun ?? DEFAULT_BUDGET.maxContactsPerRun,
    reserveFraction: options.reserveFraction ?? DEFAULT_BUDGET.reserveFraction,
  };
  return {
    vendor: "leadlex",
    defaultBaseUrl: "https://data.leadlex.com/functions/v1/api-gateway",
    open(ctx: ConnectorContext): ConnectorSession {
      const client = createLeadlexClient({
        baseUrl: ctx.baseUrl,
        apiKey: ctx.apiKey,
        signal: ctx.signal,
        onRateLimitWait: ctx.onRateLimitWait,
        onMeta: ctx.onMeta,
        warn: ctx.warn,
        timeoutMs: options.timeoutMs ?? ctx.http?.timeoutMs,
        maxRetries: options.maxRetries,
        maxBackoffMs: options.maxBackoffMs ?? ctx.http?.maxBackoffMs,
        perMinute: options.perMinute,
        perDay: options.perDay,
        now: ctx.now ? () => ctx.now!().getTime() : undefined,
      });
      const deps: StreamDeps = {
        client,
        now: ctx.now ?? (() => new Date()),
        warn: ctx.warn,
        budget,
        overlapMs: options.overlapMs ?? 60 * 60_000,
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
 * read all its activities and its tasks.
 */
async function refreshPerson(
  client: LeadlexClient,
  warn: Warn | undefined,
  person: { email: string | null; identities: { vendorId: string; kind: string | null }[] },
): Promise<SyncBatch> {
  const email = normaliseEmail(person.email);
  // Leadlex ids are uuids; other vendors' "contact" identities (Close cont_…) are not ours.
  const known = person.identities.find(
    (i) => (i.kind === "contact" || i.kind === null) && UUID_RE.test(i.vendorId),
  )?.vendorId;

  const read = async (id: string, ref: PersonRef): Promise<SyncBatch> => {
    const { activities } = await contactActivities({ client, warn }, id, ref, {});
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
  for await (const p of allPages((page) => client.listContacts({ page, search: email }), 20)) {
    for (const r of parseRows(p.rows, contactRowSchema, "contact", warn).rows) {
      if (normaliseEmail(r.value.email) === email) return personOfContact(r.value);
    }
  }
  return null;
}

async function contactTasks(client: LeadlexClient, warn: Warn | undefined, contactId: string, person: PersonRef) {
  const tasks = [];
  for await (const p of allPages((page) => client.listTasks({ page, contactId }))) {
    for (const r of parseRows(p.rows, taskRowSchema, "task", warn).rows) tasks.push(mapTask(r.value, r.raw, person));
  }
  return tasks;
}
