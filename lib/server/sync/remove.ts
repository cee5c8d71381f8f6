import "server-only";
import { sql } from "drizzle-orm";
import { FACT_KINDS, refreshEngagementRollups } from "../rollups/engagement";
import { queryRows, type Db, type Tx } from "../store/db";
import { chunks } from "./chunks";
import { refreshLastActivity } from "./last-activity";

/**
 * Removes activities and tasks the vendor no longer has (ids of this connection only), and
 * everything computed from them: the engagement facts of their (campaign, person) pairs and
 * their contacts' last activity. Runs inside the caller's transaction (the page's, with its cursor).
 */
export async function removeRows(
  tx: Tx,
  connectionId: string,
  ids: { activities?: string[]; tasks?: string[] },
): Promise<{ activities: number; tasks: number }> {
  let activities = 0;
  for (const part of chunks([...new Set(ids.activities ?? [])], 5000)) {
    const gone = await queryRows<RemovedActivity>(
      tx as unknown as Db,
      sql`delete from activities where connection_id = ${connectionId}
          and id in (select value from jsonb_array_elements_text(${JSON.stringify(part)}::jsonb))
          returning id, contact_id, campaign_id, kind, state`,
    );
    await afterActivitiesRemoved(tx, gone);
    activities += gone.length;
  }
  let tasks = 0;
  for (const part of chunks([...new Set(ids.tasks ?? [])], 5000)) {
    const gone = await queryRows<{ id: string }>(
      tx as unknown as Db,
      sql`delete from tasks where connection_id = ${connectionId}
          and id in (select value from jsonb_array_elements_text(${JSON.stringify(part)}::jsonb)) returning id`,
    );
    tasks += gone.length;
  }
  return { activities, tasks };
}

/**
 * The end of a complete re-read: this connection's activities not written since `since` (the
 * store's clock when the re-reading stream started) are gone at the vendor. With
 * `occurredFrom`, only those at or after it.
 */
export async function sweepActivities(
  tx: Tx,
  connectionId: string,
  since: string,
  occurredFrom: string | null,
): Promise<number> {
  const gone = await queryRows<RemovedActivity>(
    tx as unknown as Db,
    sql`delete from activities where connection_id = ${connectionId} and synced_at < ${since}::timestamptz
        ${occurredFrom ? sql`and occurred_at >= ${occurredFrom}::timestamptz` : sql``}
        returning id, contact_id, campaign_id, kind, state`,
  );
  await afterActivitiesRemoved(tx, gone);
  return gone.length;
}

interface RemovedActivity {
  id: string;
  contact_id: string | null;
  campaign_id: string | null;
  kind: string;
  state: string | null;
}

async function afterActivitiesRemoved(tx: Tx, gone: RemovedActivity[]): Promise<void> {
  if (gone.length === 0) return;
  const kinds = new Set<string>(FACT_KINDS);
  await refreshEngagementRollups(
    tx,
    gone
      .filter((r) => r.campaign_id && kinds.has(r.kind) && !r.state)
      .map((r) => ({ campaignId: r.campaign_id!, key: r.contact_id ?? `activity:${r.id}` })),
  );
  const contacts = [...new Set(gone.map((r) => r.contact_id).filter((c): c is string => !!c))];
  if (contacts.length) await refreshLastActivity(tx, contacts);
}

/** A vendor may omit done tasks: open tasks of this connection missing from a complete listing become done. */
export async function reconcileOpenTasks(tx: Tx, connectionId: string, seenTaskIds: string[]): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx as unknown as Db,
    sql`update tasks set status = 'done', completed_at = coalesce(completed_at, now()), synced_at = now()
        where connection_id = ${connectionId} and status = 'open'
          and id not in (select value from jsonb_array_elements_text(${JSON.stringify(seenTaskIds)}::jsonb))
        returning id`,
  );
  return rows.length;
}
