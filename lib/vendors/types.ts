import "server-only";
import type { Activity, Campaign, Task } from "@/lib/model";
import type { ConnectionBudget } from "@/lib/model/connection";
import type { Vendor } from "@/lib/model/vendor";

/**
 * The contract between a vendor connector (lib/vendors/<vendor>) and the sync
 * engine (lib/server/sync). Connectors fetch and map; the engine resolves people
 * to contacts, writes rows and cursors in one transaction per page, and reports progress.
 */

/** A vendor record of a person. The engine turns it into a Touchline contact by normalised email. */
export interface PersonRef {
  /** The vendor's ids for this person (a contact id and a per-campaign lead id, …). */
  identities: { vendorId: string; kind: string; url?: string | null }[];
  email?: string | null;
  name?: string | null;
  company?: string | null;
}

export type MappedActivity = Omit<Activity, "contactId" | "connectionId"> & { person: PersonRef | null };
export type MappedTask = Omit<Task, "contactId" | "connectionId"> & { person: PersonRef | null };
export type MappedCampaign = Omit<Campaign, "connectionId">;

export interface SyncBatch {
  people?: PersonRef[];
  activities?: MappedActivity[];
  tasks?: MappedTask[];
  campaigns?: MappedCampaign[];
}

export interface StreamPage<S> {
  batch: SyncBatch;
  /** Cursor to store with this page's rows, in the same transaction. */
  state: S;
  /**
   * Rows fetched so far in this stream run, and an estimate of the total if known.
   * `historyBackTo`: the oldest instant this stream has read everything after (a backfill
   * reading newest first moves it back); `historyComplete`: nothing older is left to read
   * (the vendor has nothing older, or the connection's horizon was reached).
   */
  progress?: {
    done: number;
    total?: number;
    window?: string;
    historyBackTo?: string | null;
    historyComplete?: boolean;
  };
  /**
   * Full-listing reconciliation, given on the last page of a complete listing:
   * open tasks of this connection not in `seenTaskIds` become done (for a vendor that omits done tasks).
   */
  reconcileOpenTasks?: { seenTaskIds: string[] };
  /**
   * Records the vendor no longer has (Touchline ids, `<vendor>:<vendor id>`): removed from the
   * timeline, the counts and the engagement rollups in this page's transaction, after the
   * page's own rows are written. Ids Touchline never stored are ignored.
   */
  deleted?: { activities?: string[]; tasks?: string[] };
  /**
   * Given on the last page of a complete re-read of a stream's activities (e.g. after a gap
   * longer than the vendor's change log): this connection's activities that the stream did
   * not write during this run are gone at the vendor and are removed like `deleted`. With
   * `occurredFrom`, only activities at or after it (the history horizon: older rows were not
   * re-read, and moving the horizon forward removes nothing).
   */
  sweepActivities?: { occurredFrom: string | null };
  /** Rows the connector read but could not understand (kept out; counted and logged). */
  skipped?: number;
  /**
   * Things the run should record and an operator should see — e.g. a listing that stopped
   * because the vendor repeated a page (lib/vendors/shared/page-guard.ts). Logged with the
   * vendor and stream, and kept on the sync run (`progress.warnings`).
   */
  warnings?: string[];
}

export interface ConnectorContext {
  baseUrl: string;
  apiKey: string;
  signal?: AbortSignal;
  now?: () => Date;
  onRateLimitWait?(ms: number): void;
  /** Vendor facts worth showing (a daily quota left), stored on the connection. */
  onMeta?(meta: Record<string, unknown>): void;
  /** Log of things the connector did not understand; never gets the key. */
  warn?(message: string, fields?: Record<string, unknown>): void;
  /**
   * How far back this connection's history goes (chosen by the user per connection):
   * `from` null reads everything the vendor has; an ISO instant reads nothing created
   * before it. Streams that can list history read newest first down to this point.
   */
  history?: { from: string | null };
  /**
   * What this connection stores for its connector (connections.meta): facts earlier
   * sessions reported through `onMeta` (a quota of the day, a pause until the
   * reset) and per-connection settings (a plan). Read leniently; may be absent.
   */
  meta?: Readonly<Record<string, unknown>>;
  /**
   * The scheduler started this sync (no person asked for it, and it is not a first read): a
   * listing that costs many requests and changes slowly may be skipped when it was read
   * recently. A sync a person starts (Refresh now, a new key) reads everything.
   */
  scheduled?: boolean;
  /** Defaults for the vendor HTTP client where the connector's own options leave them unset (tests: a short timeout and backoff). */
  http?: { timeoutMs?: number; maxBackoffMs?: number };
}

export interface Stream<S = unknown> {
  name: string;
  /** Pages from the stored cursor (null: first sync) onward. */
  pages(state: S | null): AsyncIterable<StreamPage<S>>;
}

export interface ConnectorSession {
  /** Calls the vendor once with the key; throws VendorAuthError when it is refused. */
  verifyKey(): Promise<void>;
  /** In the order the engine should run them (campaigns before activities, so names resolve). */
  streams(): Stream[];
  /** The live path for one person: everything the vendor has on them now. */
  refreshPerson(person: {
    email: string | null;
    identities: { vendorId: string; kind: string | null }[];
  }): Promise<SyncBatch>;
}

/** A user of the vendor's account, as its own user listing gives it. */
export interface ListedUser {
  vendor: Vendor;
  vendorUserId: string;
  name: string | null;
  email: string | null;
}

export interface Connector {
  vendor: Vendor;
  /** The vendor's production base URL (overridable only by server env). */
  defaultBaseUrl: string;
  /**
   * The vendor's documented user listing, where it has one (the vendor-user directory,
   * lib/server/identities). Without it, users come from synced tasks and activities only.
   */
  listUsers?(ctx: { baseUrl: string; apiKey: string; signal?: AbortSignal }): Promise<ListedUser[]>;
  open(ctx: ConnectorContext): ConnectorSession;
  /** Task writes, for vendors with tasks (absent: the vendor has no tasks). */
  tasks?: TaskWriter;
  /**
   * For a vendor with a daily request quota (its meta's `dailyQuota`): the day's budget from
   * what its sessions stored on the connection, for the connection's card and the notes on
   * partial figures.
   */
  dailyBudget?(meta: Record<string, unknown>, now: number): ConnectionBudget;
}

/**
 * Changing a task at its vendor (issue 15). The service (lib/server/tasks) re-reads the task
 * before writing (a change made at the vendor meanwhile is a conflict), writes, and re-reads
 * the written task only, so the store holds the vendor's truth.
 */
export interface VendorTaskChange {
  /** true: complete; false: reopen. */
  done?: boolean;
  /** A calendar day stays a day (never through a time zone); a datetime is an instant. */
  due?: { dateOnly: true; date: string } | { dateOnly: false; at: string };
  assigneeId?: string;
  priority?: "low" | "medium" | "high";
}

/** What Touchline knows of a stored task that a vendor needs to find it again. */
export interface TaskRef {
  vendorId: string;
  vendorType: string;
  assigneeId: string | null;
  /** The task's contact's email (for a vendor with no task-by-id read, whose listing filters by email). */
  contactEmail: string | null;
  raw: unknown;
}

export interface TaskWriteCapabilities {
  complete: boolean;
  reopen: boolean;
  reschedule: boolean;
  reassign: boolean;
  priority: boolean;
  /** In words, when the vendor's tasks cannot be changed at all; null otherwise. */
  readOnly: string | null;
  /** In words, why a done task cannot be reopened, so the UI says so. */
  noReopen?: string;
  /** The vendor lists open tasks only: a task missing from its listing is done (or deleted) there. */
  listsOpenOnly?: boolean;
}

export interface TaskWriteSession {
  /** The task as the vendor has it now; null when the vendor no longer lists it as open (`listsOpenOnly`) or has no such task. */
  read(task: TaskRef): Promise<MappedTask | null>;
  /** Writes the change; resolves with the vendor's answer (for the audit log), throws the vendor's refusal. */
  write(task: TaskRef, change: VendorTaskChange): Promise<unknown>;
}

export interface TaskWriter {
  capabilities: TaskWriteCapabilities;
  /** Absent for a vendor whose tasks are read-only. */
  open?(ctx: ConnectorContext): TaskWriteSession;
}
