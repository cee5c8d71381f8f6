import "server-only";
import type { Connector, ConnectorContext, Stream } from "@/lib/vendors/types";
import { activitiesStream } from "./activities-stream";
import type { CloseClientOptions } from "./client";
import { contactsStream, tasksStream } from "./listings";
import { refreshPerson } from "./refresh";
import { openCloseSession } from "./session";
import { createCloseTaskWriter } from "./task-writes";

export type { CloseActivitiesState } from "./activities-stream";
export type { CloseListingState } from "./listings";

/**
 * Touchline's Close connector. Streams, in the order the engine runs them:
 * - `contacts`: the whole `/contact/` listing → people (company from `/lead/`), on the first
 *   sync and then daily; in between, contact changes come from the event log.
 * - `activities`: the event log since the last sync (edits, deletions, merges, sends; contact
 *   and task changes too), then `/activity/` in `date_created` windows — new rows since the
 *   high-water mark, and on the first sync the whole history newest first, down to the
 *   connection's horizon (activities-stream.ts).
 * - `tasks`: `/task/?_type=all` (without `_type` Close returns only `lead` tasks), every
 *   status, oldest first, first sync and then daily; the last page reconciles open tasks.
 * Activities and tasks name their contact by id; the email comes from the contact listing
 * or the contact events of the same session (else from the identity Touchline already has).
 */

export interface CloseConnectorOptions {
  /** Look-back before the stored high-water mark on a re-sync (rows upsert by id). */
  overlapMs?: number;
  initialWindowMs?: number;
  minWindowMs?: number;
  maxWindowMs?: number;
  /** A window that took more pages than this halves the next one; one under a quarter of it doubles it. */
  targetPagesPerWindow?: number;
  pageSize?: number;
  /** Close's `_skip` maximum on /activity/ (250 000). */
  maxSkip?: number;
  /** How much of the event log before the last read is read again (Close: "re-scan the latest 5 minutes"). */
  rescanMs?: number;
  /** How old the last full contact and task listing may get before the next sync lists them again. */
  fullListingEveryMs?: number;
  /** Client settings (tests shorten timeouts and backoff, or pace faster against a faster sandbox). */
  client?: Pick<CloseClientOptions, "pace" | "timeoutMs" | "maxRetries" | "maxRateLimitRetries" | "maxBackoffMs">;
}

export type CloseConnectorSettings = Required<Omit<CloseConnectorOptions, "client">> &
  Pick<CloseConnectorOptions, "client">;

const DAY = 86_400_000;

const DEFAULTS = {
  overlapMs: 60 * 60_000,
  initialWindowMs: 14 * DAY,
  minWindowMs: 60_000,
  maxWindowMs: 60 * DAY,
  targetPagesPerWindow: 20,
  pageSize: 100,
  maxSkip: 250_000,
  rescanMs: 5 * 60_000,
  fullListingEveryMs: DAY,
} satisfies Required<Omit<CloseConnectorOptions, "client">>;

export function createCloseConnector(options: CloseConnectorOptions = {}): Connector {
  const o: CloseConnectorSettings = { ...DEFAULTS, ...options };
  return {
    vendor: "close",
    defaultBaseUrl: "https://api.close.com/api/v1",
    tasks: createCloseTaskWriter(o.client),
    open(ctx: ConnectorContext) {
      const s = openCloseSession(ctx, o);
      return {
        async verifyKey() {
          await s.client.me();
        },
        streams: () => [contactsStream(s), activitiesStream(s), tasksStream(s)] as Stream[],
        refreshPerson: (person) => refreshPerson(s, person),
      };
    },
  };
}

export const closeConnector: Connector = createCloseConnector();
