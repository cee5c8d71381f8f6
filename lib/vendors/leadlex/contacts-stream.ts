import "server-only";
import type { PersonRef, Stream } from "@/lib/vendors/types";
import { DAY } from "./budget";
import { BudgetSpent, isoNow, SIX_HOURS, spend, type StreamDeps } from "./deps";
import { personOfContact } from "./map";
import { guardedPage, PageGuard } from "./paging";
import { contactRowSchema, parseRows, type ContactRow } from "./schemas";
import { parseInstant } from "./time";

/**
 * `contacts`: who is new or changed since the last sync, newest-changed first. The listing
 * is read in the API's own order (VENDORS.md documents `sort` but none of its values), which
 * Touchline takes to be most recently updated first (docs/vendor-assumptions.md): a sync stops
 * at the first page that brings nothing new, so one with nothing new costs one request. A
 * full listing — every page, which also forgets deleted contacts — runs once a day, and every
 * six hours once a page shows the order is not the assumed one.
 */
export interface ContactsState {
  v: 2;
  /** Every known contact's `updated_date` (epoch ms). */
  stamps: Record<string, number | null>;
  /** When the last complete listing ended. */
  fullAt: string | null;
  /** "unknown" once a page was seen out of `updated_date` order. */
  order: "updated" | "unknown";
  /** A full listing the run's budget cut short goes on at this page (after the news on the first pages). */
  next?: number | null;
}

export const stampOf = (c: ContactRow): number | null => {
  return (
    parseInstant(c.updated_date) ??
    parseInstant(c.updated_at) ??
    parseInstant(c.created_at) ??
    parseInstant(c.created_date)
  );
};

export function readContactsState(state: unknown): ContactsState {
  const s = state as Partial<ContactsState> | null;
  if (s?.v === 2 && s.stamps && typeof s.stamps === "object")
    return {
      v: 2,
      stamps: s.stamps,
      fullAt: s.fullAt ?? null,
      order: s.order === "unknown" ? "unknown" : "updated",
      next: typeof s.next === "number" && s.next > 1 ? s.next : null,
    };
  return { v: 2, stamps: {}, fullAt: null, order: "updated", next: null };
}

export function contactsStream(d: StreamDeps): Stream<ContactsState> {
  return {
    name: "contacts",
    async *pages(state) {
      const prev = readContactsState(state);
      const stamps = { ...prev.stamps };
      const nowMs = d.now().getTime();
      const since = prev.fullAt ? nowMs - Date.parse(prev.fullAt) : Infinity;
      const fullDue = Object.keys(stamps).length === 0 || since >= (prev.order === "updated" ? DAY : SIX_HOURS);
      const guard = new PageGuard("leadlex", "contacts");
      const seen = new Set<string>();
      let order = prev.order;
      let fullAt = prev.fullAt;
      // A listing cut short by the budget: first the news at the top, then on from where it stopped.
      let resumeAt = fullDue ? (prev.next ?? null) : null;
      let probing = resumeAt !== null || !fullDue;
      // Every page from the first, none skipped: reaching the last page is a full listing.
      let continuous = true;
      let next: number | null = prev.next ?? null;
      let done = 0;
      try {
        for (let page = 1; ; page++) {
          const p = await guardedPage((n) => spend(d, () => d.client.listContacts({ page: n })), guard, page);
          const { rows, skipped, skippedIds } = parseRows(p.rows, contactRowSchema, "contact", d.warn);
          const people: PersonRef[] = [];
          let news = 0;
          let before: number | null = null;
          for (const r of rows) {
            const id = r.value.id;
            const stamp = stampOf(r.value);
            if (stamp !== null && before !== null && stamp > before && order === "updated") {
              order = "unknown";
              d.warn?.("leadlex: the contact listing is not newest-changed first; full listings every 6 hours", {
                page: p.page,
              });
            }
            if (stamp !== null) before = stamp;
            if (seen.has(id)) continue;
            seen.add(id);
            if (!(id in stamps) || stamps[id] !== stamp) {
              news++;
              people.push(personOfContact(r.value));
            }
            stamps[id] = stamp;
          }
          for (const id of skippedIds) seen.add(id);
          done += rows.length;
          const complete = p.last && !p.repeated;
          if (complete && (continuous || !probing)) {
            // Every page was read in this run: who is not in it has been deleted.
            if (continuous) for (const id of Object.keys(stamps)) if (!seen.has(id)) delete stamps[id];
            fullAt = isoNow(d);
          }
          if (complete) next = null;
          else if (!probing) next = p.last ? null : page + 1;
          // Out of order, nothing tells where the news ends: the first page only, until the next full listing.
          const probeDone = probing && (order === "unknown" || news === 0);
          yield {
            batch: { people },
            state: { v: 2, stamps: { ...stamps }, fullAt, order, next },
            progress: { done, total: p.total ?? undefined, window: probeDone && !p.last ? "nothing new" : undefined },
            skipped,
            ...(p.repeated ? { warnings: [guard.warning()] } : {}),
          };
          if (p.last) break;
          if (probeDone) {
            if (resumeAt === null || resumeAt <= page) break;
            page = resumeAt - 1;
            resumeAt = null;
            probing = false;
            continuous = false;
          }
        }
      } catch (err) {
        if (!(err instanceof BudgetSpent)) throw err;
        d.warn?.("leadlex: contact listing stopped at the run's share of the daily quota", { read: done });
      }
      d.shared.directory = new Map(Object.entries(stamps));
    },
  };
}
