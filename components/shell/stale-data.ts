import type { Connection } from "@/lib/model/connection";
import { VENDOR_LABELS } from "@/lib/model/vendor";

/**
 * Whether a connection's data has stopped arriving: its last sync failed, or its status
 * says the next one cannot work. A sync that is running is not stale (yet).
 */
export function isStale(c: Connection): boolean {
  if (c.sync.state === "running" || c.status === "syncing") return false;
  return (
    c.status === "key_rejected" ||
    c.status === "key_unreadable" ||
    c.status === "unreachable" ||
    c.sync.state === "failed"
  );
}

export interface StaleExplanation {
  /** "key": only a new key helps; "vendor": the vendor side failed, a later sync may work. */
  kind: "key" | "vendor";
  /** What went wrong, after "The last sync failed: ". */
  reason: string;
  /** What happens next, or what to do. */
  next: string;
}

/**
 * When the scheduler will try again (lib/server/sync/scheduler.ts): every minute it syncs
 * the connections whose last successful sync is older than the interval; rejected or
 * unreadable keys are left alone.
 */
export function nextScheduledSync(lastSyncAt: string | null, intervalMinutes: number, now: number): string | null {
  if (intervalMinutes <= 0) return null;
  const due = lastSyncAt ? Date.parse(lastSyncAt) + intervalMinutes * 60_000 : now;
  const minutes = Math.ceil((due - now) / 60_000) + 1; // + the scheduler's one-minute tick
  return minutes <= 1 ? "within a minute" : `in about ${minutes} min`;
}

const httpStatus = (text: string | null) => /HTTP (\d{3})/.exec(text ?? "")?.[1] ?? null;

/** What the vendor did, from the stored error of an unreachable vendor (the engine's words, see lib/vendors/shared/http.ts). */
function vendorTrouble(error: string | null): string {
  const e = error ?? "";
  const status = httpStatus(e);
  if (status && status.startsWith("5")) return `answered with server errors (HTTP ${status})`;
  if (/timed out/i.test(e)) return "did not answer in time";
  if (/rate limited/i.test(e)) return "kept refusing requests (rate limit)";
  if (/unreadable JSON|unexpected response shape|not a \{data/i.test(e)) return "sent answers Touchline could not read";
  if (/network error/i.test(e)) return "could not be reached over the network";
  return "did not answer";
}

/**
 * The stale-data notice in words, from the connection's status and stored error. Never
 * the key: the stored error is already scrubbed of it, and the key hint is not used.
 */
export function explainStale(c: Connection, opts: { intervalMinutes: number; now: number }): StaleExplanation {
  const vendor = VENDOR_LABELS[c.vendor];
  const error = c.lastError ?? c.sync.error ?? null;
  const when = nextScheduledSync(c.lastSyncAt, opts.intervalMinutes, opts.now);
  const retry = when
    ? `Touchline will retry at the next scheduled sync (${when}), or retry now.`
    : "Scheduled syncs are off: retry once the vendor is back.";
  switch (c.status) {
    case "key_rejected": {
      const status = httpStatus(error);
      return {
        kind: "key",
        reason: `${vendor} rejected the API key${status ? ` (${status})` : ""}.`,
        next: "Paste a new key in Settings — Touchline does not retry a rejected key on its own.",
      };
    }
    case "key_unreadable":
      return { kind: "key", reason: "the stored key could not be read.", next: "Enter the key again in Settings." };
    case "unreachable":
      return { kind: "vendor", reason: `${vendor} ${vendorTrouble(error)}.`, next: retry };
    default: {
      // Failed with the connection still fine: a used-up quota, a refused request, an interrupted run.
      const said = (error ?? "the reason was not recorded").trim().replace(/\.$/, "");
      // A vendor's daily quota used up: nothing is asked before its reset.
      const paused = c.budget?.pausedUntil && Date.parse(c.budget.pausedUntil) > opts.now ? c.budget.pausedUntil : null;
      const resumes = paused
        ? `Touchline asks ${vendor} nothing until the quota resets at ${paused.slice(11, 16)} UTC, then syncs again.`
        : retry;
      return { kind: "vendor", reason: `${said}.`, next: resumes };
    }
  }
}
