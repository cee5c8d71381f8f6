import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "../store";

export interface WorkspaceCounts {
  connections: number;
  contacts: number;
  activities: number;
  openTasks: number;
  campaigns: number;
}

/** Cheap totals used by empty states and the overview. */
export async function workspaceCounts(): Promise<WorkspaceCounts> {
  const db = await getDb();
  const [counts] = await queryRows<WorkspaceCounts>(
    db,
    sql`
    select
      (select count(*) from connections)::int as connections,
      (select count(*) from contacts)::int as contacts,
      (select count(*) from activities)::int as activities,
      (select count(*) from tasks where status = 'open')::int as "openTasks",
      (select count(*) from campaigns)::int as campaigns`,
  );
  return counts!;
}

/**
 * Whether the overview has anything to show (a connection, an activity or an open task):
 * three probes that stop at the first row, where the counts read every activity. The
 * overview asks for the counts only when this says no (its empty state names them).
 */
export async function workspaceHasData(): Promise<boolean> {
  const db = await getDb();
  const [row] = await queryRows<{ any: boolean }>(
    db,
    sql`select (exists (select 1 from connections) or exists (select 1 from activities)
      or exists (select 1 from tasks where status = 'open')) as any`,
  );
  return row?.any ?? false;
}
