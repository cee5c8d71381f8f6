import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "../store/db";
import { chunks } from "./chunks";

/**
 * Keeps contacts.last_activity_at (the contact list's sort key) in step with their activities:
 * the latest one that happened — at or before now; a scheduled or canceled item, or one dated
 * in the future (a meeting next week), never is the last activity — null when none is left.
 * A future activity becomes the last one at the next sync that touches the person (or the
 * start-up refresh, lib/server/boot.ts).
 */
export async function refreshLastActivity(tx: Tx | Db, contactIds: string[]): Promise<void> {
  for (const ids of chunks(contactIds, 5000)) {
    await tx.execute(sql`
      update contacts c set last_activity_at = m.last, updated_at = now()
      from (select k.id, (select max(a.occurred_at) from activities a where a.contact_id = k.id and a.state is null and a.occurred_at <= now()) as last
            from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as k(id)) m
      where c.id = m.id and c.last_activity_at is distinct from m.last`);
  }
}

/**
 * Contacts whose future activity has since happened (a meeting that was next week): their
 * last activity moves to it. Run at start-up; a sync touching the person does it too.
 */
export async function catchUpLastActivity(db: Db): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct c.id from contacts c join activities a on a.contact_id = c.id
        where a.state is null and a.occurred_at <= now() and a.occurred_at > now() - interval '30 days'
          and a.occurred_at > coalesce(c.last_activity_at, '-infinity'::timestamptz)`,
  );
  if (rows.length)
    await refreshLastActivity(
      db,
      rows.map((r) => r.id),
    );
  return rows.length;
}
