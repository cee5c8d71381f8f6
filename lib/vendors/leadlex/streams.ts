import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { MappedActivity, MappedCampaign, PersonRef, Stream, StreamPage } from "@/lib/vendors/types";
import {
  contactBudget,
  orderContacts,
  reserveOf,
  type ActivitiesState,
  type BudgetOptions,
  type ContactStamp,
} from "./budget";
import { allPages, type LeadlexClient } from "./client";
import { mapActivity, mapCampaign, mapTask, personOfContact, personOfContactId } from "./map";
import {
  activityRowSchema,
  campaignRowSchema,
  contactRowSchema,
  parseRows,
  taskRowSchema,
  type ContactRow,
  type Warn,
} from "./schemas";
import { parseInstant } from "./time";

/** Full listings keep only when they last completed: a listing always starts over. */
export interface ListingState {
  listedAt: string | null;
}

export interface StreamDeps {
  client: LeadlexClient;
  now: () => Date;
  warn?: Warn;
  budget: BudgetOptions;
  /** How far before a contact's last fetch a re-fetch starts (rows upsert, so overlap only costs rows). */
  overlapMs: number;
}

const listed = (prev: ListingState | null): ListingState => prev ?? { listedAt: null };

/** `contacts`: the full contact listing, oldest first (new contacts land on the last page, never shifting earlier ones). */
export function contactsStream(d: StreamDeps): Stream<ListingState> {
  return {
    name: "contacts",
    async *pages(state) {
      const startedAt = d.now().toISOString();
      const seen = new Set<string>();
      let done = 0;
      for await (const p of allPages((page) => d.client.listContacts({ page, sort: "created_at" }))) {
        const { rows, skipped } = parseRows(p.rows, contactRowSchema, "contact", d.warn);
        const people: PersonRef[] = [];
        for (const r of rows) {
          if (seen.has(r.value.id)) continue;
          seen.add(r.value.id);
          people.push(personOfContact(r.value));
        }
        done += rows.length;
        yield {
          batch: { people },
          state: p.last ? { listedAt: startedAt } : listed(state),
          progress: { done, total: p.total ?? undefined },
          skipped,
        };
      }
    },
  };
}

/** `campaigns`: every campaign with its all-time stats as `vendorReported`. */
export function campaignsStream(d: StreamDeps): Stream<ListingState> {
  return {
    name: "campaigns",
    async *pages(state) {
      const startedAt = d.now().toISOString();
      let done = 0;
      for await (const p of allPages((page) => d.client.listCampaigns({ page }))) {
        const { rows, skipped } = parseRows(p.rows, campaignRowSchema, "campaign", d.warn);
        const campaigns: MappedCampaign[] = [];
        for (const r of rows) {
          let stats = null;
          try {
            stats = await d.client.campaignStats(r.value.id);
          } catch (err) {
            // A campaign deleted between the listing and its stats: keep the campaign, without numbers.
            if (!(err instanceof VendorRequestError)) throw err;
            d.warn?.("leadlex: campaign stats unavailable", { id: r.value.id, status: err.status });
          }
          campaigns.push(mapCampaign(r.value, r.raw, stats));
        }
        done += rows.length;
        yield {
          batch: { campaigns },
          state: p.last ? { listedAt: startedAt } : listed(state),
          progress: { done, total: p.total ?? undefined },
          skipped,
        };
      }
    },
  };
}

/**
 * `tasks`: the full listing, every status (Leadlex returns completed tasks too). The last
 * page names every task seen, so a task deleted in Leadlex stops showing as open.
 */
export function tasksStream(d: StreamDeps): Stream<ListingState> {
  return {
    name: "tasks",
    async *pages(state) {
      const startedAt = d.now().toISOString();
      const seen = new Set<string>();
      const unreadable = new Set<string>();
      let done = 0;
      for await (const p of allPages((page) => d.client.listTasks({ page }))) {
        const { rows, skipped, skippedIds } = parseRows(p.rows, taskRowSchema, "task", d.warn);
        // A task we could not read still exists: it must not be closed by the reconciliation.
        for (const id of skippedIds) unreadable.add(id);
        // Newest first: a task created mid-listing pushes rows onto the next page, so skip repeats.
        const tasks = [];
        for (const r of rows) {
          if (seen.has(r.value.id)) continue;
          seen.add(r.value.id);
          tasks.push(mapTask(r.value, r.raw, personOfContactId(r.value.contact_id)));
        }
        done += tasks.length;
        const page: StreamPage<ListingState> = {
          batch: { tasks },
          state: p.last ? { listedAt: startedAt } : listed(state),
          progress: { done, total: p.total ?? undefined },
          skipped,
        };
        if (p.last)
          page.reconcileOpenTasks = {
            seenTaskIds: [...new Set([...seen, ...unreadable])].map((id) => `leadlex:${id}`),
          };
        yield page;
      }
    },
  };
}

/** Lists every contact (the activities stream needs them all to choose whom to fetch). */
async function allContacts(d: StreamDeps): Promise<{ contacts: Map<string, ContactRow>; skipped: number }> {
  const contacts = new Map<string, ContactRow>();
  let skipped = 0;
  for await (const p of allPages((page) => d.client.listContacts({ page, sort: "created_at" }))) {
    const parsed = parseRows(p.rows, contactRowSchema, "contact", d.warn);
    skipped += parsed.skipped;
    for (const r of parsed.rows) contacts.set(r.value.id, r.value);
  }
  return { contacts, skipped };
}

/** All of one contact's activities created in [fromDate, toDate], every page. */
export async function contactActivities(
  d: Pick<StreamDeps, "client" | "warn">,
  contactId: string,
  person: PersonRef | null,
  window: { fromDate?: string; toDate?: string },
): Promise<{ activities: MappedActivity[]; skipped: number }> {
  const byId = new Map<string, MappedActivity>();
  let skipped = 0;
  for await (const p of allPages((page) => d.client.listActivities(contactId, { page, ...window }))) {
    const parsed = parseRows(p.rows, activityRowSchema, "activity", d.warn);
    skipped += parsed.skipped;
    for (const r of parsed.rows) byId.set(r.value.id, mapActivity(r.value, r.raw, person));
  }
  return { activities: [...byId.values()], skipped };
}

/**
 * `activities`: per-contact fetches within the run's budget (see budget.ts), one page
 * per contact so a killed run loses nothing. A contact fetched before is re-read from
 * its last fetch minus the overlap; every fetch ends at the run's start, so what is
 * created during the run is read by the next one.
 */
export function activitiesStream(d: StreamDeps): Stream<ActivitiesState> {
  return {
    name: "activities",
    async *pages(state) {
      const runStart = d.now();
      const toDate = runStart.toISOString();
      const { contacts, skipped: contactSkips } = await allContacts(d);

      // Forget contacts that are gone, so the cursor does not grow forever.
      const fetched: Record<string, string> = {};
      const prev = state && typeof state.fetched === "object" && state.fetched !== null ? state.fetched : {};
      for (const [id, at] of Object.entries(prev)) if (contacts.has(id) && typeof at === "string") fetched[id] = at;

      const stamps: ContactStamp[] = [...contacts.values()].map((c) => ({
        id: c.id,
        updatedMs:
          parseInstant(c.updated_date) ??
          parseInstant(c.updated_at) ??
          parseInstant(c.created_at) ??
          parseInstant(c.created_date),
      }));
      const quota = d.client.quota();
      const reserve = reserveOf(quota.limit, d.budget.reserveFraction);
      const chosen = orderContacts(stamps, fetched).slice(0, contactBudget(quota, d.budget));

      if (chosen.length === 0) {
        if (contacts.size > 0)
          d.warn?.("leadlex: no activity fetches this run, the daily quota is down to the reserve", {
            remaining: quota.remaining,
            reserve,
          });
        yield {
          batch: {},
          state: { fetched },
          progress: { done: 0, total: 0, window: contacts.size ? "daily quota reserve reached" : "no contacts" },
          skipped: contactSkips,
        };
        return;
      }

      let rows = 0;
      for (let i = 0; i < chosen.length; i++) {
        const left = d.client.quota().remaining;
        if (i > 0 && left !== null && left <= reserve) {
          d.warn?.("leadlex: stopped fetching activities at the quota reserve", {
            fetchedContacts: i,
            remaining: left,
            reserve,
          });
          break;
        }
        const id = chosen[i]!;
        const contact = contacts.get(id)!;
        const person = personOfContact(contact);
        const last = parseInstant(fetched[id]);
        let batch: StreamPage<ActivitiesState>["batch"];
        let skipped = i === 0 ? contactSkips : 0;
        try {
          const got = await contactActivities(d, id, person, {
            fromDate: last === null ? undefined : new Date(last - d.overlapMs).toISOString(),
            toDate,
          });
          batch = { people: [person], activities: got.activities };
          skipped += got.skipped;
          rows += got.activities.length;
          fetched[id] = toDate;
        } catch (err) {
          // Deleted between the listing and the fetch: nothing to read, nothing to remember.
          if (!(err instanceof VendorRequestError && err.status === 404)) throw err;
          d.warn?.("leadlex: contact vanished before its activities were read", { id });
          delete fetched[id];
          batch = {};
        }
        yield {
          batch,
          state: { fetched: { ...fetched } },
          progress: {
            done: i + 1,
            total: chosen.length,
            window: `contact ${i + 1} of ${chosen.length} · ${rows} activities`,
          },
          skipped,
        };
      }
    },
  };
}
