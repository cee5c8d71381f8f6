import "server-only";
import { sql } from "drizzle-orm";
import { normaliseEmail } from "@/lib/model/contact";
import { classifyReply, isReplyKind } from "@/lib/model/plain/reply-class";
import type { Vendor } from "@/lib/model/vendor";
import type { PersonRef, SyncBatch } from "@/lib/vendors/types";
import { engagementPairsFor, FACT_KINDS, refreshEngagementRollups, type EngagementPair } from "../rollups/engagement";
import { queryRows, type Db } from "../store/db";
import { contactIdForEmail, contactIdForRecord } from "./ids";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Postgres text and jsonb refuse NUL; a vendor body holding one must not fail the page. */
const toJson = (rows: unknown[]) => JSON.stringify(rows).replace(/\\u0000/g, "");

/**
 * Rows are written in key order, so two syncs touching the same contacts (one person in
 * two vendors) lock them in the same order instead of deadlocking on PostgreSQL.
 *
 * Upserts rows through ONE jsonb parameter unpacked by `jsonb_to_recordset`. Binding
 * ~20 parameters per row is what makes bulk upserts slow on PGlite (measured: ~3 k rows/s
 * with parameters, ~10 k rows/s this way); PostgreSQL benefits too.
 */
async function upsertJson(
  tx: Tx,
  table: string,
  columns: [name: string, type: string][],
  rows: Record<string, unknown>[],
  conflict: string,
  update: string,
  chunkSize = 1000,
): Promise<void> {
  const names = columns.map(([c]) => c).join(", ");
  const record = columns.map(([c, ty]) => `${c} ${ty}`).join(", ");
  for (const part of chunks(rows, chunkSize)) {
    await tx.execute(sql`
      insert into ${sql.raw(table)} (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_to_recordset(${toJson(part)}::jsonb) as x(${sql.raw(record)})
      order by ${sql.raw(conflict)}
      on conflict (${sql.raw(conflict)}) do update set ${sql.raw(update)}`);
  }
}

const set = (cols: string[]) => cols.map((c) => `${c} = excluded.${c}`).join(", ");

/**
 * Resolves every person in the batch to a Touchline contact (one per normalised email;
 * a record with no email joins the contact its vendor id already belongs to, or keeps a
 * contact of its own), upserts contacts and identities, and returns vendorId → contactId.
 */
async function resolvePeople(
  tx: Tx,
  connectionId: string,
  vendor: Vendor,
  people: PersonRef[],
): Promise<Map<string, string>> {
  const byVendorId = new Map<string, string>();
  if (people.length === 0) return byVendorId;

  const noEmailIds = [
    ...new Set(people.filter((p) => !normaliseEmail(p.email)).flatMap((p) => p.identities.map((i) => i.vendorId))),
  ];
  const known = new Map<string, string>();
  for (const ids of chunks(noEmailIds, 5000)) {
    const rows = await queryRows<{ vendor_id: string; contact_id: string }>(
      tx as unknown as Db,
      sql`select vendor_id, contact_id from contact_identities
          where connection_id = ${connectionId} and vendor_id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
    );
    for (const r of rows) known.set(r.vendor_id, r.contact_id);
  }

  const contacts = new Map<string, { id: string; email: string | null; name: string | null; company: string | null }>();
  const identities = new Map<string, { vendor_id: string; contact_id: string; kind: string; url: string | null }>();
  for (const p of people) {
    const email = normaliseEmail(p.email);
    const first = p.identities[0];
    let id: string;
    if (email) id = contactIdForEmail(email);
    else {
      const existing = p.identities.map((i) => known.get(i.vendorId) ?? byVendorId.get(i.vendorId)).find(Boolean);
      if (existing) id = existing;
      else if (first) id = contactIdForRecord(vendor, first.vendorId);
      else continue;
    }
    const prev = contacts.get(id);
    contacts.set(id, {
      id,
      email: email ?? prev?.email ?? null,
      name: prev?.name || p.name?.trim() || null,
      company: prev?.company || p.company?.trim() || null,
    });
    for (const i of p.identities) {
      identities.set(i.vendorId, { vendor_id: i.vendorId, contact_id: id, kind: i.kind, url: i.url ?? null });
      byVendorId.set(i.vendorId, id);
    }
  }

  // First non-empty value wins for name and company, so vendors do not flip a person's
  // name back and forth on every sync.
  await upsertJson(
    tx,
    "contacts",
    [
      ["id", "text"],
      ["email", "text"],
      ["name", "text"],
      ["company", "text"],
    ],
    [...contacts.values()],
    "id",
    "name = coalesce(contacts.name, excluded.name), company = coalesce(contacts.company, excluded.company), email = coalesce(contacts.email, excluded.email)",
  );
  await upsertJson(
    tx,
    "contact_identities",
    [
      ["vendor", "text"],
      ["vendor_id", "text"],
      ["connection_id", "text"],
      ["contact_id", "text"],
      ["kind", "text"],
      ["url", "text"],
    ],
    [...identities.values()].map((r) => ({ ...r, vendor, connection_id: connectionId })),
    "connection_id, vendor_id",
    "contact_id = excluded.contact_id, kind = excluded.kind, url = coalesce(excluded.url, contact_identities.url)",
  );
  return byVendorId;
}

function contactOf(map: Map<string, string>, person: PersonRef | null): string | null {
  if (!person) return null;
  for (const i of person.identities) {
    const id = map.get(i.vendorId);
    if (id) return id;
  }
  return null;
}

const CAMPAIGN_COLUMNS: [string, string][] = [
  ["id", "text"],
  ["connection_id", "text"],
  ["vendor", "text"],
  ["vendor_id", "text"],
  ["name", "text"],
  ["status", "text"],
  ["vendor_status", "text"],
  ["created_at", "timestamptz"],
  ["vendor_reported", "jsonb"],
  ["url", "text"],
  ["raw", "jsonb"],
];

const ACTIVITY_COLUMNS: [string, string][] = [
  ["id", "text"],
  ["connection_id", "text"],
  ["vendor", "text"],
  ["vendor_type", "text"],
  ["kind", "text"],
  ["channel", "text"],
  ["direction", "text"],
  ["occurred_at", "timestamptz"],
  ["contact_id", "text"],
  ["campaign_id", "text"],
  ["sequence_step", "integer"],
  ["variant", "text"],
  ["actor", "jsonb"],
  ["subject", "text"],
  ["preview", "text"],
  ["body", "text"],
  ["bot", "boolean"],
  ["duration_seconds", "integer"],
  ["state", "text"],
  ["reply_class", "text"],
  ["url", "text"],
  ["raw", "jsonb"],
];

const TASK_COLUMNS: [string, string][] = [
  ["id", "text"],
  ["connection_id", "text"],
  ["vendor", "text"],
  ["vendor_type", "text"],
  ["type", "text"],
  ["title", "text"],
  ["body", "text"],
  ["status", "text"],
  ["due_at", "timestamptz"],
  ["due_date", "date"],
  ["due_is_date_only", "boolean"],
  ["priority", "text"],
  ["assignee", "jsonb"],
  ["contact_id", "text"],
  ["campaign_id", "text"],
  ["url", "text"],
  ["created_at", "timestamptz"],
  ["raw", "jsonb"],
];

const updatable = (cols: [string, string][]) =>
  cols.map(([c]) => c).filter((c) => c !== "id" && c !== "connection_id" && c !== "vendor");

export interface WriteResult {
  activities: number;
  tasks: number;
  campaigns: number;
  people: number;
}

/** Writes one page of a stream (inside the caller's transaction). Upserts by id: re-reading a page never duplicates. */
export async function writeBatch(tx: Tx, connectionId: string, vendor: Vendor, batch: SyncBatch): Promise<WriteResult> {
  const people = [
    ...(batch.people ?? []),
    ...(batch.activities ?? []).map((a) => a.person),
    ...(batch.tasks ?? []).map((x) => x.person),
  ].filter((p): p is PersonRef => !!p && p.identities.length > 0);
  const contactMap = await resolvePeople(tx, connectionId, vendor, people);

  const campaigns = batch.campaigns ?? [];
  await upsertJson(
    tx,
    "campaigns",
    CAMPAIGN_COLUMNS,
    campaigns.map((c) => ({
      id: c.id,
      connection_id: connectionId,
      vendor: c.vendor,
      vendor_id: c.vendorId,
      name: c.name,
      status: c.status,
      vendor_status: c.vendorStatus,
      created_at: c.createdAt,
      vendor_reported: c.vendorReported,
      url: c.url,
      raw: c.raw ?? null,
    })),
    "id",
    `${set(updatable(CAMPAIGN_COLUMNS).filter((c) => c !== "vendor_reported"))}, vendor_reported = coalesce(excluded.vendor_reported, campaigns.vendor_reported), synced_at = now()`,
  );

  const activities = batch.activities ?? [];
  const touched = new Set<string>();
  // A vendor page can hold the same id twice (drift); Postgres refuses that in one upsert.
  const activityRows = [
    ...new Map(
      activities.map((a) => {
        const contactId = contactOf(contactMap, a.person);
        if (contactId) touched.add(contactId);
        return [
          a.id,
          {
            id: a.id,
            connection_id: connectionId,
            vendor: a.vendor,
            vendor_type: a.vendorType,
            kind: a.kind,
            channel: a.channel,
            direction: a.direction,
            occurred_at: a.occurredAt,
            contact_id: contactId,
            campaign_id: a.campaignId,
            sequence_step: a.sequenceStep,
            variant: a.variant,
            actor: a.actor,
            subject: a.subject,
            preview: a.preview,
            body: a.body,
            bot: a.bot,
            duration_seconds: a.durationSeconds ?? null,
            state: a.state ?? null,
            // The mapper's class (from a vendor category) wins; else the text rules.
            reply_class: isReplyKind(a.kind)
              ? (a.replyClass ?? classifyReply({ subject: a.subject, body: a.body ?? a.preview }))
              : null,
            url: a.url,
            raw: a.raw ?? null,
          },
        ] as const;
      }),
    ).values(),
  ];
  // Engagement rollups: the (campaign, person) pairs changed, read before the upsert so
  // that a row moving to another person or campaign also refreshes where it was.
  const pairs: EngagementPair[] = await engagementPairsFor(
    tx,
    activityRows.map((r) => ({
      id: r.id,
      campaignId: r.campaign_id,
      contactId: r.contact_id,
      kind: r.kind,
      sequenceStep: r.sequence_step,
      variant: r.variant,
      bot: r.bot,
      occurredAt: r.occurred_at,
      state: r.state,
      replyClass: r.reply_class,
    })),
  );
  await upsertJson(
    tx,
    "activities",
    ACTIVITY_COLUMNS,
    activityRows,
    "id",
    `${set(updatable(ACTIVITY_COLUMNS))}, synced_at = now()`,
  );
  await refreshEngagementRollups(tx, pairs);

  const tasks = batch.tasks ?? [];
  const taskRows = [
    ...new Map(
      tasks.map((x) => [
        x.id,
        {
          id: x.id,
          connection_id: connectionId,
          vendor: x.vendor,
          vendor_type: x.vendorType,
          type: x.type,
          title: x.title,
          body: x.body,
          status: x.status,
          due_at: x.dueAt,
          due_date: x.dueDate,
          due_is_date_only: x.dueIsDateOnly,
          priority: x.priority,
          assignee: x.assignee,
          contact_id: contactOf(contactMap, x.person),
          campaign_id: x.campaignId,
          url: x.url,
          created_at: x.createdAt,
          raw: x.raw ?? null,
        },
      ]),
    ).values(),
  ];
  await upsertJson(
    tx,
    "tasks",
    TASK_COLUMNS,
    taskRows,
    "id",
    // Keep the first time we saw it done.
    `${set(updatable(TASK_COLUMNS))}, completed_at = case when excluded.status = 'done' then coalesce(tasks.completed_at, now()) else null end, synced_at = now()`,
  );
  // New rows arrive without completed_at; set it for those that arrive already done.
  if (taskRows.some((r) => r.status === "done"))
    await tx.execute(
      sql`update tasks set completed_at = now() where connection_id = ${connectionId} and status = 'done' and completed_at is null`,
    );

  if (touched.size) await refreshLastActivity(tx, [...touched]);
  return { activities: activities.length, tasks: tasks.length, campaigns: campaigns.length, people: people.length };
}

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
