import "server-only";
import type { MappedTask, Stream, StreamPage } from "@/lib/vendors/types";
import { BudgetSpent, fingerprint, isoNow, SIX_HOURS, spend, type StreamDeps } from "./deps";
import { mapTask, personOfContactId } from "./map";
import { guardedPages, PageGuard } from "./paging";
import { parseRows, taskRowSchema } from "./schemas";

/**
 * `tasks`: the listing has no date filter (VENDORS.md), so a sync reads pages until one
 * brings no new or changed task — the listing is newest first (docs/vendor-assumptions.md) —
 * and the whole listing every six hours, which also closes tasks deleted in Leadlex. Only
 * new or changed tasks are written.
 */
export interface TasksState {
  v: 2;
  /** Task id → fingerprint of the row last written. */
  seen: Record<string, string>;
  /** When the last complete listing ended. */
  fullAt: string | null;
}

export function readTasksState(state: unknown): TasksState {
  const s = state as Partial<TasksState> | null;
  return s?.v === 2 && s.seen && typeof s.seen === "object"
    ? { v: 2, seen: s.seen, fullAt: s.fullAt ?? null }
    : { v: 2, seen: {}, fullAt: null };
}

export function tasksStream(d: StreamDeps): Stream<TasksState> {
  return {
    name: "tasks",
    async *pages(state) {
      const prev = readTasksState(state);
      const known = { ...prev.seen };
      const nowMs = d.now().getTime();
      const fullDue = !prev.fullAt || nowMs - Date.parse(prev.fullAt) >= SIX_HOURS;
      const guard = new PageGuard("leadlex", "tasks");
      const listed = new Set<string>();
      let fullAt = prev.fullAt;
      let done = 0;
      try {
        for await (const p of guardedPages((page) => spend(d, () => d.client.listTasks({ page })), guard)) {
          const { rows, skipped, skippedIds } = parseRows(p.rows, taskRowSchema, "task", d.warn);
          // A task we could not read still exists: it must not be closed by the reconciliation.
          for (const id of skippedIds) listed.add(id);
          const tasks: MappedTask[] = [];
          for (const r of rows) {
            const id = r.value.id;
            if (listed.has(id)) continue;
            listed.add(id);
            const f = fingerprint(r.raw);
            if (known[id] === f) continue;
            known[id] = f;
            tasks.push(mapTask(r.value, r.raw, personOfContactId(r.value.contact_id)));
          }
          done += rows.length;
          const complete = p.last && !p.repeated;
          if (complete) {
            for (const id of Object.keys(known)) if (!listed.has(id)) delete known[id];
            fullAt = isoNow(d);
          }
          const page: StreamPage<TasksState> = {
            batch: { tasks },
            state: { v: 2, seen: { ...known }, fullAt },
            progress: { done, total: p.total ?? undefined },
            skipped,
            ...(p.repeated ? { warnings: [guard.warning()] } : {}),
          };
          if (complete) page.reconcileOpenTasks = { seenTaskIds: [...listed].map((id) => `leadlex:${id}`) };
          yield page;
          if (p.last || (tasks.length === 0 && !fullDue)) break;
        }
      } catch (err) {
        if (!(err instanceof BudgetSpent)) throw err;
      }
    },
  };
}
