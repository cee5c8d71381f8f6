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

export function contactsStream(s: CloseSession): Stream<CloseListingState> {
  return {
    name: "contacts",
    async *pages(state) {
      if (!due(s, state)) return;
      const startedAt = new Date(s.now()).toISOString();
      let warnings = await listLeadNames(s);
      const guard = new PageGuard("close", "contacts");
      let done = 0;
      for (let skip = 0; ; skip += s.o.pageSize) {
        const page = await s.client.listContacts({ _skip: skip, _limit: s.o.pageSize });
        const stalled = !guard.fresh(idsOf(page.rows)) && guard.repeated;
        const { ok, skipped } = s.parseRows(stalled ? [] : page.rows, "contact", closeContactSchema);
        const people: PersonRef[] = [];
        for (const { row } of ok) {
          const company = row.lead_id ? (s.leadNames.get(row.lead_id) ?? null) : null;
          s.directory.set(row.id, contactInfo(row, company || null));
          people.push(mapCloseContact(row, company || null));
        }
        done += ok.length;
        const last = stalled || !page.hasMore || page.rows.length === 0;
        if (stalled) warnings = [...warnings, guard.warning()];
        const out: StreamPage<CloseListingState> = {
          batch: { people },
          state: last ? { listedAt: startedAt } : (state ?? { listedAt: null }),
          progress: { done },
          skipped,
          ...(warnings.length ? { warnings } : {}),
        };
        warnings = [];
        yield out;
        if (last) return;
      }
    },
  };
}

export function tasksStream(s: CloseSession): Stream<CloseListingState> {
  return {
    name: "tasks",
    async *pages(state) {
      if (!due(s, state)) return;
      const startedAt = new Date(s.now()).toISOString();
      const seen: string[] = [];
      const guard = new PageGuard("close", "tasks");
      let done = 0;
      // Oldest first: tasks created during the listing land after it instead of shifting pages.
      for (let skip = 0; ; skip += s.o.pageSize) {
        const page = await s.client.listTasks({
          _type: "all",
          _order_by: "date_created",
          _skip: skip,
          _limit: s.o.pageSize,
        });
        const stalled = !guard.fresh(idsOf(page.rows)) && guard.repeated;
        const rows = stalled ? [] : page.rows;
        // Unreadable rows still exist in Close: they must not be reconciled to done.
        for (const id of idsOf(rows)) if (id) seen.push(`close:${id}`);
        const { tasks, skipped } = s.mapTasks(rows);
        done += rows.length;
        const last = stalled || !page.hasMore || page.rows.length === 0;
        yield {
          batch: { tasks },
          state: last ? { listedAt: startedAt } : (state ?? { listedAt: null }),
          progress: { done },
          skipped,
          // A listing cut short by a repeating vendor is not complete: nothing is reconciled.
          ...(last && !stalled ? { reconcileOpenTasks: { seenTaskIds: seen } } : {}),
          ...(stalled ? { warnings: [guard.warning()] } : {}),
        };
        if (last) return;
      }
    },
  };
}
