import "server-only";
import { sql } from "drizzle-orm";
import { classifyReply, isReplyKind } from "@/lib/model/plain/reply-class";
import type { Vendor } from "@/lib/model/vendor";
import type { PersonRef, SyncBatch } from "@/lib/vendors/types";
import { engagementPairsFor, refreshEngagementRollups, type EngagementPair } from "../rollups/engagement";
import type { StoreKind, Tx } from "../store/db";
import { refreshLastActivity } from "./last-activity";
import { contactOf, resolvePeople } from "./people";
import { set, updatable, upsertRows } from "./upsert";

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

export interface WriteResult {
  activities: number;
  tasks: number;
  campaigns: number;
  people: number;
}

/**
 * Writes one page of a stream (inside the caller's transaction). Upserts by id: re-reading
 * a page never duplicates. One statement per table per batch where the store allows it
 * (`kind`: PostgreSQL stages and merges, PGlite upserts in slices of 1 000 rows; ./upsert.ts).
 */
export async function writeBatch(
  tx: Tx,
  connectionId: string,
  vendor: Vendor,
  batch: SyncBatch,
  kind: StoreKind = "pglite",
): Promise<WriteResult> {
  const people = [
    ...(batch.people ?? []),
    ...(batch.activities ?? []).map((a) => a.person),
    ...(batch.tasks ?? []).map((x) => x.person),
  ].filter((p): p is PersonRef => !!p && p.identities.length > 0);
  const contactMap = await resolvePeople(tx, connectionId, vendor, people, kind);

  const campaigns = batch.campaigns ?? [];
  await upsertRows(
    tx,
    kind,
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
  await upsertRows(
    tx,
    kind,
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
  await upsertRows(
    tx,
    kind,
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
