import "server-only";
import type { MappedActivity, MappedTask, PersonRef, SyncBatch } from "@/lib/vendors/types";
import { PAGE_LIMIT, parseRows, type LemlistEnv } from "./env";
import { lemlistLeadPerson, mapLemlistActivity, mapLemlistTask } from "./map";
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
  for (const leadId of leadIds) {
    for (let offset = 0, n = 0; n < MAX_PAGES_PER_LEAD; n++) {
      const rows = await env.client.activities({ leadId, offset, limit: PAGE_LIMIT });
      const { ok } = parseRows(env, rows, lemlistActivitySchema, "activity");
      for (const { row, raw } of ok) {
        env.learnTeamId(row.teamId);
        const a = mapLemlistActivity(row, { teamId: env.teamId }, raw);
        activities.set(a.id, a);
      }
      if (rows.length < PAGE_LIMIT) break;
      offset += rows.length;
    }
  }

  const tasks = new Map<string, MappedTask>();
  if (email) {
    for (let page = 0; page < MAX_PAGES_PER_LEAD; page++) {
      const rows = await env.client.tasks(page, [{ filterId: "email", value: email }]);
      if (!rows.length) break;
      for (const { row, raw } of parseRows(env, rows, lemlistTaskSchema, "task").ok) {
        const t = mapLemlistTask(row, { teamId: env.teamId }, raw);
        tasks.set(t.id, t);
      }
    }
  }
  return { people, activities: [...activities.values()], tasks: [...tasks.values()] };
}
