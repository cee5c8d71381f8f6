import "server-only";
import type { MappedActivity, MappedTask, PersonRef, SyncBatch } from "@/lib/vendors/types";
import { PAGE_LIMIT, parseRows, type LemlistEnv } from "./env";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import { CallMerger } from "./calls";
import { lemlistLeadPerson } from "./map";
import { mapLemlistTask } from "./map-task";
import { lemlistActivitySchema, lemlistLeadSchema, lemlistTaskSchema } from "./schemas";

/** Bounds the live path: one person never costs more than this many pages per lead. */
const MAX_PAGES_PER_LEAD = 50;

/**
 * Everything lemlist has on one person now: their leads (`GET /leads/{email}`, one per
 * campaign), each lead's activities (`GET /activities?leadId=`), and their open tasks
 * (`GET /tasks` with the seed's `email` filter).
 */
export async function refreshLemlistPerson(
  env: LemlistEnv,
  person: { email: string | null; identities: { vendorId: string; kind: string | null }[] },
): Promise<SyncBatch> {
  const email = person.email?.trim() || null;
  const leadIds = new Set(
    person.identities.filter((i) => i.kind === "lead" || i.vendorId.startsWith("lea_")).map((i) => i.vendorId),
  );
  const people: PersonRef[] = [];
  if (email) {
    const { ok } = parseRows(env, await env.client.leadsByEmail(email), lemlistLeadSchema, "lead");
    for (const { row } of ok) {
      const id = row._id ?? row.id;
      if (id) leadIds.add(id);
      const ref = lemlistLeadPerson(row, { teamId: env.teamId });
      if (ref) people.push(ref);
    }
  }

  const activities = new Map<string, MappedActivity>();
  // The rows of one Aircall call become one item, with the same id as the sync gives it.
  const calls = new CallMerger(() => ({ teamId: env.teamId }));
  for (const leadId of leadIds) {
    const guard = new PageGuard("lemlist", "activities of a lead");
    for (let offset = 0, n = 0; n < MAX_PAGES_PER_LEAD; n++) {
      const rows = await env.client.activities({ leadId, offset, limit: PAGE_LIMIT });
      const ids = rows.map((r) => (r && typeof r === "object" ? String((r as { _id?: unknown })._id) : ""));
      if (rows.length > 0 && !guard.fresh(ids)) {
        env.ctx.warn?.(guard.warning());
        break;
      }
      const { ok } = parseRows(env, rows, lemlistActivitySchema, "activity");
      for (const { row } of ok) env.learnTeamId(row.teamId);
      for (const a of calls.map(ok)) activities.set(a.id, a);
      if (rows.length < PAGE_LIMIT) break;
      offset += rows.length;
    }
  }

  const tasks = new Map<string, MappedTask>();
  if (email) {
    const guard = new PageGuard("lemlist", "tasks of a person");
    for (let page = 0; page < MAX_PAGES_PER_LEAD; page++) {
      const rows = await env.client.tasks(page, [{ filterId: "email", value: email }]);
      if (!rows.length) break;
      const ids = rows.map((r) => (r && typeof r === "object" ? String((r as { _id?: unknown })._id) : ""));
      if (!guard.fresh(ids)) {
        env.ctx.warn?.(guard.warning());
        break;
      }
      for (const { row, raw } of parseRows(env, rows, lemlistTaskSchema, "task").ok) {
        const t = mapLemlistTask(row, { teamId: env.teamId }, raw);
        tasks.set(t.id, t);
      }
    }
  }
  return { people, activities: [...activities.values()], tasks: [...tasks.values()] };
}
