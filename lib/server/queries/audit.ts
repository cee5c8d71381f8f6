import "server-only";
import { sql } from "drizzle-orm";
import type { AuditEntry } from "@/lib/model/auth";
import { getDb, queryRows, type Db } from "../store";

interface Row {
  id: string | number;
  at: string | Date;
  actor: string | null;
  event: string;
  connection_id: string | null;
  label: string | null;
  vendor: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * The audit log, newest first, keyset-paged on the id (`cursor` = the last id seen).
 * The connection's current label when it still exists, else the one recorded when it
 * was removed. Details never hold a key (see the writers: ids, counts, words).
 */
export async function listAudit(
  opts: { limit: number; cursor?: string; connectionId?: string },
  db?: Db,
): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  db ??= await getDb();
  const rows = await queryRows<Row>(
    db,
    sql`select a.id, a.at, a.actor, a.event, a.connection_id, a.detail,
               coalesce(c.label, case when a.event = 'removed' then a.detail->>'label' end) as label,
               coalesce(c.vendor, a.detail->>'vendor') as vendor
        from audit_log a left join connections c on c.id = a.connection_id
        where true
          ${opts.cursor ? sql`and a.id < ${Number(opts.cursor)}` : sql``}
          ${opts.connectionId ? sql`and a.connection_id = ${opts.connectionId}` : sql``}
        order by a.id desc
        limit ${opts.limit + 1}`,
  );
  const page = rows.slice(0, opts.limit);
  // Entries of a removed connection: its name and vendor as recorded when it was removed
  // (one extra query, only when the page has such entries; a removal is the last entry
  // of its connection, so only rows from this page's oldest id on are read).
  const gone = [...new Set(page.filter((r) => r.connection_id && !r.label).map((r) => r.connection_id!))];
  if (gone.length) {
    const removed = await queryRows<{ connection_id: string; label: string | null; vendor: string | null }>(
      db,
      sql`select distinct on (connection_id) connection_id, detail->>'label' as label, detail->>'vendor' as vendor
          from audit_log
          where event = 'removed' and connection_id in ${gone} and id >= ${Math.min(...page.map((r) => Number(r.id)))}
          order by connection_id, id desc`,
    );
    const byId = new Map(removed.map((r) => [r.connection_id, r]));
    for (const r of page) {
      if (!r.connection_id || r.label) continue;
      const m = byId.get(r.connection_id);
      r.label = m?.label ?? (typeof r.detail?.label === "string" ? r.detail.label : null);
      r.vendor ??= m?.vendor ?? null;
    }
  }
  return {
    data: page.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      event: r.event,
      connectionId: r.connection_id,
      connectionLabel: r.label,
      vendor: r.vendor,
      detail: r.detail ?? {},
    })),
    nextCursor: rows.length > opts.limit ? String(page.at(-1)!.id) : null,
  };
}
