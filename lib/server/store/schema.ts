import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// The store. One Postgres schema for PGlite and PostgreSQL alike; every change goes
// through a SQL migration in drizzle/ (npm run db:generate writes it from this file).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });
const createdNow = () => ts("created_at").notNull().defaultNow();
const updatedNow = () => ts("updated_at").notNull().defaultNow();
/** The owning connection; its rows go with it. */
const connectionRef = () =>
  text("connection_id")
    .notNull()
    .references(() => connections.id, { onDelete: "cascade" });
/** The owning user; their rows go with them. */
const userRef = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });
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

/** People who sign in. `role`: owner (exactly one) > admin > member > viewer (lib/model/plain/roles.ts). */
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  role: text("role").notNull().default("member"),
  name: text("name"),
  /** A deactivated user cannot sign in; their sessions and tokens stop working at once. */
  active: boolean("active").notNull().default(true),
  createdAt: createdNow(),
});

export const apiTokens = pgTable("api_tokens", {
  id: text("id").primaryKey(),
  userId: userRef(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** read | write | admin; a token never does more than its creator's role allows. */
  scope: text("scope").notNull().default("read"),
  /** Null: never expires (admins only). */
  expiresAt: ts("expires_at"),
  createdAt: createdNow(),
  lastUsedAt: ts("last_used_at"),
});

/**
 * One row per sign-in: the cookie carries the id (encrypted), each request looks it up,
 * so a session can be ended from the server (sign out elsewhere, deactivation, password change).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: userRef(),
    createdAt: createdNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    /** The absolute end, whatever the activity. */
    expiresAt: ts("expires_at").notNull(),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time links: an invitation (a role to join with) or a password reset (for one user). */
export const oneTimeLinks = pgTable(
  "one_time_links",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(), // invite | password_reset
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role"),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdBy: text("created_by"),
    createdAt: createdNow(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    usedBy: text("used_by"),
  },
  (t) => [index("one_time_links_kind_idx").on(t.kind, t.createdAt.desc())],
);

/** The vendor users a Touchline user is ("me" in `assignee=me`). A vendor user belongs to one Touchline user. */
export const userIdentities = pgTable(
  "user_identities",
  {
    userId: userRef(),
    vendor: text("vendor").notNull(),
    vendorUserId: text("vendor_user_id").notNull(),
    createdAt: createdNow(),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.vendorUserId] }), index("user_identities_user_idx").on(t.userId)],
);

/**
 * Vendor users Touchline knows of — from a vendor's user listing where one is documented,
 * else from the ids and names seen on synced tasks and activities. Rebuilt from those
 * sources (lib/server/identities/directory.ts); names label assignees everywhere.
 */
export const vendorUsers = pgTable(
  "vendor_users",
  {
    vendor: text("vendor").notNull(),
    vendorUserId: text("vendor_user_id").notNull(),
    name: text("name"),
    email: text("email"),
    /** listing | tasks | activities */
    source: text("source").notNull(),
    taskCount: integer("task_count").notNull().default(0),
    updatedAt: updatedNow(),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.vendorUserId] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: ts("at").notNull().defaultNow(),
    actor: text("actor"),
    connectionId: text("connection_id"),
    event: text("event").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_at_idx").on(t.at.desc())],
);

/** Small key/value facts about the install: master-key fingerprint, schema facts. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: updatedNow(),
});

/**
 * Sign-in attempts per key (an email, an email from a known address, a client address)
 * in the current window, counted before the password is checked (lib/server/auth/throttle.ts).
 * `failures` is that count; `first_failure_at` starts the window.
 */
export const loginAttempts = pgTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  firstFailureAt: ts("first_failure_at").notNull().defaultNow(),
  lockedUntil: ts("locked_until"),
});

/**
 * Engagement rollups (issue 8), kept by the sync in the same transaction as the activities
 * (lib/server/rollups/engagement.ts). One row per (campaign, person, 1-based step; 0 = no
 * step): the facts the engagement definitions are made of — every send and bounce time and
 * the first time of each distinct event — recomputed from `activities` whenever one of the
 * person's activities in the campaign is written. `contact_key` is the contact id, or
 * `activity:<id>` for an activity with no contact (it then counts once on its own).
 */
export const engagementFacts = pgTable(
  "engagement_facts",
  {
    campaignId: text("campaign_id").notNull(),
    contactKey: text("contact_key").notNull(),
    step: integer("step").notNull(),
    connectionId: connectionRef(),
    /** The A/B variant of this person at this step; '' when not tested. */
    variant: text("variant").notNull().default(""),
    sentAt: ts("sent_at")
      .array()
      .notNull()
      .default(sql`'{}'`),
    bouncedAt: ts("bounced_at")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** First human open / first open of any kind (machine opens included); same for clicks and replies. */
    openedAt: ts("opened_at"),
    openedAnyAt: ts("opened_any_at"),
    clickedAt: ts("clicked_at"),
    clickedAnyAt: ts("clicked_any_at"),
    repliedAt: ts("replied_at"),
    repliedAnyAt: ts("replied_any_at"),
    /** First reply a person wrote (class `human`, or not yet classified), machine events excluded. */
    repliedHumanAt: ts("replied_human_at"),
    interestedAt: ts("interested_at"),
    unsubscribedAt: ts("unsubscribed_at"),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.contactKey, t.step] })],
);

/**
 * The facts above counted per 15-minute UTC bucket (every zone's offset is a multiple of 15
 * minutes, so days and ISO weeks in any zone are exact unions of these buckets): sends and
 * bounces as events, opened/clicked/replied/interested/unsubscribed as distinct
 * (person, step) pairs at the time of their first such event. Changed only by the exact
 * difference between a person's old and new facts, so re-syncs and overlaps never double count.
 */
export const engagementBuckets = pgTable(
  "engagement_buckets",
  {
    campaignId: text("campaign_id").notNull(),
    bucket: ts("bucket").notNull(),
    step: integer("step").notNull(),
    variant: text("variant").notNull().default(""),
    connectionId: connectionRef(),
    sent: integer("sent").notNull().default(0),
    bounced: integer("bounced").notNull().default(0),
    opened: integer("opened").notNull().default(0),
    openedAny: integer("opened_any").notNull().default(0),
    clicked: integer("clicked").notNull().default(0),
    clickedAny: integer("clicked_any").notNull().default(0),
    replied: integer("replied").notNull().default(0),
    repliedAny: integer("replied_any").notNull().default(0),
    repliedHuman: integer("replied_human").notNull().default(0),
    interested: integer("interested").notNull().default(0),
    unsubscribed: integer("unsubscribed").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.bucket, t.step, t.variant] }),
    // The overview: this week and last week across every campaign.
    index("engagement_buckets_bucket_idx").on(t.bucket),
  ],
);
