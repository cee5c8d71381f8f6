import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ts, createdNow, updatedNow } from "./columns";

// Connections, what they sync (contacts, campaigns, activities, tasks) and how far they have read.

/** The owning connection; its rows go with it. */
export const connectionRef = () =>
  text("connection_id")
    .notNull()
    .references(() => connections.id, { onDelete: "cascade" });
/** A synced vendor record (campaign, activity, task): its id, connection and vendor first… */
const syncedRowKeys = () => ({
  id: text("id").primaryKey(),
  connectionId: connectionRef(),
  vendor: text("vendor").notNull(),
});
/** …and last the vendor's payload as read and when it was. */
const syncedRowCopy = () => ({
  raw: jsonb("raw"),
  syncedAt: ts("synced_at").notNull().defaultNow(),
});

export const connections = pgTable("connections", {
  id: text("id").primaryKey(),
  vendor: text("vendor").notNull(),
  label: text("label").notNull(),
  /** AES-256-GCM envelope (lib/server/secrets); never leaves the server. */
  keyCiphertext: text("key_ciphertext").notNull(),
  keyHint: text("key_hint").notNull(),
  demo: boolean("demo").notNull().default(false),
  status: text("status").notNull().default("ok"),
  lastSyncAt: ts("last_sync_at"),
  lastError: text("last_error"),
  /** Vendor-specific live facts, e.g. a remaining daily quota. */
  meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdNow(),
  updatedAt: updatedNow(),
});

export const contacts = pgTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    /** Normalised (trimmed, lower-cased); null for vendor records without an email. */
    email: text("email"),
    name: text("name"),
    company: text("company"),
    lastActivityAt: ts("last_activity_at"),
    createdAt: createdNow(),
    updatedAt: updatedNow(),
  },
  (t) => [
    uniqueIndex("contacts_email_key").on(t.email),
    index("contacts_last_activity_idx").on(t.lastActivityAt.desc().nullsLast(), t.id),
  ],
);

export const contactIdentities = pgTable(
  "contact_identities",
  {
    vendor: text("vendor").notNull(),
    vendorId: text("vendor_id").notNull(),
    connectionId: connectionRef(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    kind: text("kind"),
    url: text("url"),
    createdAt: createdNow(),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.vendorId] }),
    index("contact_identities_contact_idx").on(t.contactId),
  ],
);

export const campaigns = pgTable(
  "campaigns",
  {
    ...syncedRowKeys(),
    vendorId: text("vendor_id").notNull(),
    name: text("name").notNull(),
    status: text("status").notNull(),
    vendorStatus: text("vendor_status"),
    createdAt: ts("created_at"),
    vendorReported: jsonb("vendor_reported").$type<Record<string, number | null> | null>(),
    url: text("url"),
    ...syncedRowCopy(),
  },
  (t) => [index("campaigns_connection_idx").on(t.connectionId)],
);

export const activities = pgTable(
  "activities",
  {
    ...syncedRowKeys(),
    vendorType: text("vendor_type").notNull(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    direction: text("direction"),
    occurredAt: ts("occurred_at").notNull(),
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    campaignId: text("campaign_id"),
    sequenceStep: integer("sequence_step"),
    variant: text("variant"),
    actor: jsonb("actor").$type<{ id: string | null; name: string | null } | null>(),
    subject: text("subject"),
    preview: text("preview"),
    body: text("body"),
    bot: boolean("bot").notNull().default(false),
    durationSeconds: integer("duration_seconds"),
    // Null: it happened. `scheduled` / `canceled` (lib/model/plain/activity.ts ACTIVITY_STATES):
    // shown on the timeline, never counted (engagement, activity counts, last activity).
    state: text("state"),
    // Replies only: human | auto_reply | opt_out | bounce_notice (lib/model/reply-class.ts).
    replyClass: text("reply_class"),
    url: text("url"),
    ...syncedRowCopy(),
  },
  (t) => [
    // The timeline: one person's items, newest first, ties broken by id.
    index("activities_contact_time_idx").on(t.contactId, t.occurredAt.desc(), t.id.desc()),
    // Engagement: one campaign's events over a date range.
    index("activities_campaign_time_idx").on(t.campaignId, t.occurredAt),
    // The campaign page's latest replies: a campaign's replies alone, newest first. Without
    // it a 300 000-activity campaign's page read every one of its rows for ten replies
    // (a sequential scan: the campaign is most of the table), 105 of its 220 ms.
    index("activities_campaign_replies_idx")
      .on(t.campaignId, t.occurredAt.desc(), t.id.desc())
      .where(sql`${t.kind} = 'email_replied'`),
    index("activities_connection_idx").on(t.connectionId),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    ...syncedRowKeys(),
    vendorType: text("vendor_type").notNull(),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body"),
    status: text("status").notNull(),
    dueAt: ts("due_at"),
    dueDate: date("due_date", { mode: "string" }),
    dueIsDateOnly: boolean("due_is_date_only").notNull().default(false),
    priority: text("priority"),
    assignee: jsonb("assignee").$type<{ id: string | null; name: string | null } | null>(),
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    campaignId: text("campaign_id"),
    url: text("url"),
    createdAt: ts("created_at"),
    completedAt: ts("completed_at"),
    ...syncedRowCopy(),
  },
  (t) => [
    index("tasks_open_due_idx")
      .on(t.dueAt)
      .where(sql`status = 'open'`),
    index("tasks_contact_idx").on(t.contactId),
    index("tasks_connection_idx").on(t.connectionId),
  ],
);

/** Per (connection, stream) cursor: high-water mark etc., advanced with the rows it covers. */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    connectionId: connectionRef(),
    stream: text("stream").notNull(),
    state: jsonb("state").notNull(),
    updatedAt: updatedNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.stream] })],
);

/** One row per sync run: progress readable by any instance while it runs. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: text("id").primaryKey(),
    connectionId: connectionRef(),
    state: text("state").notNull(), // running | succeeded | failed
    trigger: text("trigger").notNull(), // manual | interval | created | demo
    startedAt: ts("started_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
    heartbeatAt: ts("heartbeat_at").notNull().defaultNow(),
    progress: jsonb("progress").$type<Record<string, unknown>>().notNull().default({}),
    rateLimitedMs: integer("rate_limited_ms").notNull().default(0),
    error: text("error"),
  },
  (t) => [index("sync_runs_connection_idx").on(t.connectionId, t.startedAt.desc())],
);
