import "server-only";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { PersonRef, Stream, StreamPage } from "@/lib/vendors/types";
import { contactInfo, mapCloseContact } from "./map";
import { closeContactSchema, closeLeadSchema } from "./schemas";
import type { CloseSession } from "./session";

/**
 * The full listings of contacts and of tasks. Between them, the event log (read by the
 * activities stream) brings what changed: a listing runs on the first sync, and again once
 * the last one is older than `fullListingEveryMs` (a day by default) — so an incremental
 * sync with nothing new lists neither, and anything the event log could not say (a sync
 * after weeks away, a change it did not log) is caught within a day.
 */

export type CloseListingState = { listedAt: string | null };

const idsOf = (rows: unknown[]) => rows.map((r) => String((r as { id?: unknown })?.id ?? ""));

function due(s: CloseSession, state: CloseListingState | null): boolean {
  const at = state?.listedAt ? Date.parse(state.listedAt) : NaN;
  return !Number.isFinite(at) || s.now() - at >= s.o.fullListingEveryMs;
}

async function listLeadNames(s: CloseSession): Promise<string[]> {
  const warnings: string[] = [];
  const guard = new PageGuard("close", "leads");
  for (let skip = 0; ; skip += s.o.pageSize) {
    const page = await s.client.listLeads({ _fields: "id,name,display_name", _skip: skip, _limit: s.o.pageSize });
    if (!guard.fresh(idsOf(page.rows))) {
      if (guard.repeated) warnings.push(guard.warning());
      return warnings;
    }
    for (const raw of page.rows) {
      const l = closeLeadSchema.safeParse(raw);
      if (l.success) s.leadNames.set(l.data.id, l.data.name || l.data.display_name || "");
    }
    if (!page.hasMore) return warnings;
  }
}

/**
 * One full listing, page by page: `rows` is empty on a page that only repeats what was read
 * (then `warning` says so and it is the last); `last` when the vendor has no more.
 */
async function* listing(
  s: CloseSession,
  stream: "contacts" | "tasks",
  list: (skip: number) => Promise<{ rows: unknown[]; hasMore: boolean }>,
) {
  const guard = new PageGuard("close", stream);
  for (let skip = 0; ; skip += s.o.pageSize) {
    const page = await list(skip);
    const stalled = !guard.fresh(idsOf(page.rows)) && guard.repeated;
    const last = stalled || !page.hasMore || page.rows.length === 0;
    yield { rows: stalled ? [] : page.rows, last, warning: stalled ? guard.warning() : null };
    if (last) return;
  }
}

/** A listing stream: it runs only when due, and `run` gets the time the listing started. */
function dueListing(
  s: CloseSession,
  name: "contacts" | "tasks",
  run: (state: CloseListingState | null, startedAt: string) => AsyncIterable<StreamPage<CloseListingState>>,
): Stream<CloseListingState> {
  return {
    name,
    async *pages(state) {
      if (!due(s, state)) return;
      yield* run(state, new Date(s.now()).toISOString());
    },
  };
}

/** The stream state after a page: a finished listing is stamped with the time it started. */
const stateAfter = (last: boolean, startedAt: string, state: CloseListingState | null): CloseListingState =>
  last ? { listedAt: startedAt } : (state ?? { listedAt: null });

export function contactsStream(s: CloseSession): Stream<CloseListingState> {
  return dueListing(s, "contacts", async function* (state, startedAt) {
    let warnings = await listLeadNames(s);
    let done = 0;
    const pages = listing(s, "contacts", (skip) => s.client.listContacts({ _skip: skip, _limit: s.o.pageSize }));
    for await (const { rows, last, warning } of pages) {
      const { ok, skipped } = s.parseRows(rows, "contact", closeContactSchema);
      const people: PersonRef[] = [];
      for (const { row } of ok) {
        const company = row.lead_id ? (s.leadNames.get(row.lead_id) ?? null) : null;
        s.directory.set(row.id, contactInfo(row, company || null));
        people.push(mapCloseContact(row, company || null));
      }
      done += ok.length;
      if (warning) warnings = [...warnings, warning];
      const out: StreamPage<CloseListingState> = {
        batch: { people },
        state: stateAfter(last, startedAt, state),
        progress: { done },
        skipped,
        ...(warnings.length ? { warnings } : {}),
      };
      warnings = [];
      yield out;
    }
  });
}

export function tasksStream(s: CloseSession): Stream<CloseListingState> {
  return dueListing(s, "tasks", async function* (state, startedAt) {
    const seen: string[] = [];
    let done = 0;
    // Oldest first: tasks created during the listing land after it instead of shifting pages.
    const pages = listing(s, "tasks", (skip) =>
      s.client.listTasks({ _type: "all", _order_by: "date_created", _skip: skip, _limit: s.o.pageSize }),
    );
    for await (const { rows, last, warning } of pages) {
      // Unreadable rows still exist in Close: they must not be reconciled to done.
      for (const id of idsOf(rows)) if (id) seen.push(`close:${id}`);
      const { tasks, skipped } = s.mapTasks(rows);
      done += rows.length;
      yield {
        batch: { tasks },
        state: stateAfter(last, startedAt, state),
        progress: { done },
        skipped,
        // A listing cut short by a repeating vendor is not complete: nothing is reconciled.
        ...(last && !warning ? { reconcileOpenTasks: { seenTaskIds: seen } } : {}),
        ...(warning ? { warnings: [warning] } : {}),
      };
    }
  });
}
