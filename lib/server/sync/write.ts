import "server-only";
import { inArray, sql } from "drizzle-orm";
import { normaliseEmail } from "@/lib/model/contact";
import type { Vendor } from "@/lib/model/vendor";
import type { PersonRef, SyncBatch } from "@/lib/vendors/types";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { contactIdForEmail, contactIdForRecord } from "./ids";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const CHUNK = 500;
function* chunks<T>(items: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const excluded = (col: string) => sql.raw(`excluded.${col}`);

/**
 * Resolves every person in the batch to a Touchline contact (one per normalised email;
 * a record with no email keeps a contact of its own, or joins the contact its vendor id
 * already belongs to), upserts contacts and identities, and returns vendorId → contactId.
 */
async function resolvePeople(tx: Tx, connectionId: string, vendor: Vendor, people: PersonRef[]): Promise<Map<string, string>> {
  const byVendorId = new Map<string, string>();
  if (people.length === 0) return byVendorId;

  const noEmailIds = people.filter((p) => !normaliseEmail(p.email)).flatMap((p) => p.identities.map((i) => i.vendorId));
  const known = new Map<string, string>();
  for (const ids of chunks([...new Set(noEmailIds)])) {
    const rows = await tx
      .select({ vendorId: t.contactIdentities.vendorId, contactId: t.contactIdentities.contactId })
      .from(t.contactIdentities)
      .where(sql`${t.contactIdentities.connectionId} = ${connectionId} and ${inArray(t.contactIdentities.vendorId, ids)}`);
    for (const r of rows) known.set(r.vendorId, r.contactId);
  }

  const contacts = new Map<string, { id: string; email: string | null; name: string | null; company: string | null }>();
  const identities = new Map<string, { vendorId: string; contactId: string; kind: string; url: string | null }>();
  for (const p of people) {
    const email = normaliseEmail(p.email);
    const first = p.identities[0];
    let id: string;
    if (email) id = contactIdForEmail(email);
    else {
      const existing = p.identities.map((i) => known.get(i.vendorId)).find(Boolean);
      if (existing) id = existing;
      else if (first) id = contactIdForRecord(vendor, first.vendorId);
      else continue;
    }
    const prev = contacts.get(id);
    contacts.set(id, { id, email, name: p.name?.trim() || prev?.name || null, company: p.company?.trim() || prev?.company || null });
    for (const i of p.identities) {
      identities.set(i.vendorId, { vendorId: i.vendorId, contactId: id, kind: i.kind, url: i.url ?? null });
      byVendorId.set(i.vendorId, id);
    }
  }

  // Only people we resolved to a new contact need inserting; existing ones are refreshed
  // where the vendor gave a value (first non-empty value wins for name and company, so
  // vendors do not flip a person's name back and forth on every sync).
  for (const rows of chunks([...contacts.values()])) {
    await tx
      .insert(t.contacts)
      .values(rows)
      .onConflictDoUpdate({
        target: t.contacts.id,
        set: {
          name: sql`coalesce(${t.contacts.name}, ${excluded("name")})`,
          company: sql`coalesce(${t.contacts.company}, ${excluded("company")})`,
          email: sql`coalesce(${t.contacts.email}, ${excluded("email")})`,
        },
      });
  }
  for (const rows of chunks([...identities.values()])) {
    await tx
      .insert(t.contactIdentities)
      .values(rows.map((r) => ({ ...r, vendor, connectionId })))
      .onConflictDoUpdate({
        target: [t.contactIdentities.connectionId, t.contactIdentities.vendorId],
        set: { contactId: excluded("contact_id"), url: sql`coalesce(${excluded("url")}, ${t.contactIdentities.url})` },
      });
  }
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
  for (const rows of chunks(campaigns)) {
    await tx
      .insert(t.campaigns)
      .values(
        rows.map((c) => ({
          id: c.id,
          connectionId,
          vendor: c.vendor,
          vendorId: c.vendorId,
          name: c.name,
          status: c.status,
          vendorStatus: c.vendorStatus,
          createdAt: c.createdAt,
          vendorReported: c.vendorReported,
          url: c.url,
          raw: c.raw,
        })),
      )
      .onConflictDoUpdate({
        target: t.campaigns.id,
        set: {
          name: excluded("name"),
          status: excluded("status"),
          vendorStatus: excluded("vendor_status"),
          createdAt: excluded("created_at"),
          vendorReported: sql`coalesce(${excluded("vendor_reported")}, ${t.campaigns.vendorReported})`,
          url: excluded("url"),
          raw: excluded("raw"),
          syncedAt: sql`now()`,
        },
      });
  }

  const activities = batch.activities ?? [];
  const touched = new Set<string>();
  for (const rows of chunks(activities)) {
    const values = rows.map((a) => {
      const contactId = contactOf(contactMap, a.person);
      if (contactId) touched.add(contactId);
      return {
        id: a.id,
        connectionId,
        vendor: a.vendor,
        vendorType: a.vendorType,
        kind: a.kind,
        channel: a.channel,
        direction: a.direction,
        occurredAt: a.occurredAt,
        contactId,
        campaignId: a.campaignId,
        sequenceStep: a.sequenceStep,
        variant: a.variant,
        actor: a.actor,
        subject: a.subject,
        preview: a.preview,
        body: a.body,
        bot: a.bot,
        durationSeconds: a.durationSeconds ?? null,
        url: a.url,
        raw: a.raw,
      };
    });
    // A vendor page can hold the same id twice (drift); Postgres refuses that in one upsert.
    const unique = [...new Map(values.map((v) => [v.id, v])).values()];
    await tx
      .insert(t.activities)
      .values(unique)
      .onConflictDoUpdate({
        target: t.activities.id,
        set: Object.fromEntries(
          (
            [
              ["kind", "kind"],
              ["vendorType", "vendor_type"],
              ["channel", "channel"],
              ["direction", "direction"],
              ["occurredAt", "occurred_at"],
              ["contactId", "contact_id"],
              ["campaignId", "campaign_id"],
              ["sequenceStep", "sequence_step"],
              ["variant", "variant"],
              ["actor", "actor"],
              ["subject", "subject"],
              ["preview", "preview"],
              ["body", "body"],
              ["bot", "bot"],
              ["durationSeconds", "duration_seconds"],
              ["url", "url"],
              ["raw", "raw"],
            ] as const
          ).map(([k, col]) => [k, excluded(col)]),
        ),
      });
  }

  const tasks = batch.tasks ?? [];
  for (const rows of chunks(tasks)) {
    const values = rows.map((x) => {
      const contactId = contactOf(contactMap, x.person);
      return {
        id: x.id,
        connectionId,
        vendor: x.vendor,
        vendorType: x.vendorType,
        type: x.type,
        title: x.title,
        body: x.body,
        status: x.status,
        dueAt: x.dueAt,
        dueDate: x.dueDate,
        dueIsDateOnly: x.dueIsDateOnly,
        priority: x.priority,
        assignee: x.assignee,
        contactId,
        campaignId: x.campaignId,
        url: x.url,
        createdAt: x.createdAt,
        completedAt: x.status === "done" ? new Date().toISOString() : null,
        raw: x.raw,
      };
    });
    const unique = [...new Map(values.map((v) => [v.id, v])).values()];
    await tx
      .insert(t.tasks)
      .values(unique)
      .onConflictDoUpdate({
        target: t.tasks.id,
        set: {
          vendorType: excluded("vendor_type"),
          type: excluded("type"),
          title: excluded("title"),
          body: excluded("body"),
          status: excluded("status"),
          dueAt: excluded("due_at"),
          dueDate: excluded("due_date"),
          dueIsDateOnly: excluded("due_is_date_only"),
          priority: excluded("priority"),
          assignee: excluded("assignee"),
          contactId: excluded("contact_id"),
          campaignId: excluded("campaign_id"),
          url: excluded("url"),
          createdAt: excluded("created_at"),
          // Keep the first time we saw it done.
          completedAt: sql`case when ${excluded("status")} = 'done' then coalesce(${t.tasks.completedAt}, now()) else null end`,
          raw: excluded("raw"),
          syncedAt: sql`now()`,
        },
      });
  }

  if (touched.size) await refreshLastActivity(tx, [...touched]);
  return { activities: activities.length, tasks: tasks.length, campaigns: campaigns.length, people: people.length };
}

/** Keeps contacts.last_activity_at (the contact list's sort key) in step with their activities. */
export async function refreshLastActivity(tx: Tx | Db, contactIds: string[]): Promise<void> {
  for (const ids of chunks(contactIds, 1000)) {
    await tx.execute(sql`
      update contacts c set last_activity_at = m.last, updated_at = now()
      from (select contact_id, max(occurred_at) as last from activities where ${inArray(t.activities.contactId, ids)} group by contact_id) m
      where c.id = m.contact_id and c.last_activity_at is distinct from m.last`);
  }
}

/** lemlist omits done tasks: open tasks of this connection missing from a complete listing become done. */
export async function reconcileOpenTasks(tx: Tx, connectionId: string, seenTaskIds: string[]): Promise<number> {
  const seen = sql.join(seenTaskIds.map((id) => sql`${id}`), sql`, `);
  const result = await tx.execute(sql`
    update tasks set status = 'done', completed_at = coalesce(completed_at, now()), synced_at = now()
    where connection_id = ${connectionId} and status = 'open'
    ${seenTaskIds.length ? sql`and id not in (${seen})` : sql``}`);
  return (result as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as unknown as { affectedRows?: number }).affectedRows ?? 0;
}
