import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ts, createdNow, updatedNow } from "./columns";

// People who sign in, their sessions, tokens and links, who they are at each vendor, and the audit log.

/** The owning user; their rows go with them. */
const userRef = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

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
