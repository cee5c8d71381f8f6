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
