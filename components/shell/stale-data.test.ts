import { describe, expect, it } from "vitest";
import type { Connection } from "@/lib/model/connection";
import {
  describeVendorError,
  VendorAuthError,
  VendorQuotaError,
  VendorUnavailableError,
} from "@/lib/vendors/shared/errors";
import { explainStale, isStale, nextScheduledSync } from "./stale-data";

const NOW = Date.parse("2026-11-24T12:00:00Z");
const ago = (min: number) => new Date(NOW - min * 60_000).toISOString();

const conn = (over: Partial<Connection> = {}, sync: Partial<Connection["sync"]> = {}): Connection => ({
  id: "conn_1",
  vendor: "close",
  label: "Close (sales)",
  keyHint: "••••9XyZ",
  status: "ok",
  demo: false,
  createdAt: ago(10_000),
  lastSyncAt: ago(180),
  lastError: null,
  sync: {
    id: "sync_1",
    state: "succeeded",
    startedAt: ago(181),
    finishedAt: ago(180),
    progress: { done: 10, unit: "rows" },
    rateLimitedMs: 0,
    error: null,
    ...sync,
  },
  ...over,
});

// The engine stores describeVendorError(err) as last_error: the notice reads those words.
const rejected = describeVendorError(new VendorAuthError("close", 401, "GET /me/: Unauthorized"));
const outage = describeVendorError(new VendorUnavailableError("lemlist", "GET /activities: HTTP 502 after 6 attempts"));
const timeout = describeVendorError(
  new VendorUnavailableError("smartlead", "GET /campaigns/: timed out after 30000 ms"),
);

describe("which connections are stale", () => {
  it("a failed last sync or a status that stops syncing; not a healthy or a running one", () => {
    expect(isStale(conn())).toBe(false);
    expect(isStale(conn({ lastError: outage }, { state: "failed", error: outage }))).toBe(true);
    expect(isStale(conn({ status: "key_rejected", lastError: rejected }, { state: "failed" }))).toBe(true);
    // toConnection() marks an unreadable key at once, before any sync failed.
    expect(isStale(conn({ status: "key_unreadable" }))).toBe(true);
    expect(isStale(conn({ status: "syncing" }, { state: "running" }))).toBe(false);
  });
});

describe("why the data is stale, in words", () => {
  const opts = { intervalMinutes: 15, now: NOW };

  it("a rejected key: the vendor, the status, and that only a new key helps", () => {
    const why = explainStale(
      conn({ status: "key_rejected", lastError: rejected }, { state: "failed", error: rejected }),
      opts,
    );
    expect(why).toEqual({
      kind: "key",
      reason: "Close rejected the API key (401).",
      next: "Paste a new key in Settings — Touchline does not retry a rejected key on its own.",
    });
  });

  it("an unreachable vendor: what it did, and when Touchline tries again", () => {
    const c = conn(
      { vendor: "lemlist", label: "lemlist", status: "unreachable", lastError: outage },
      { state: "failed", error: outage },
    );
    expect(explainStale(c, opts)).toEqual({
      kind: "vendor",
      reason: "lemlist answered with server errors (HTTP 502).",
      next: "Touchline will retry at the next scheduled sync (within a minute), or retry now.",
    });
    expect(explainStale({ ...c, lastError: timeout }, opts).reason).toBe("lemlist did not answer in time.");
    expect(explainStale(c, { ...opts, intervalMinutes: 0 }).next).toBe(
      "Scheduled syncs are off: retry once the vendor is back.",
    );
  });

  it("any other failure says the stored error", () => {
    const quota = describeVendorError(
      new VendorQuotaError(
        "leadlex",
        "Leadlex daily quota used up; resumes at 00:00 UTC",
        new Date("2026-11-25T00:00:00Z"),
      ),
    );
    const why = explainStale(conn({ vendor: "leadlex", lastError: quota }, { state: "failed", error: quota }), opts);
    expect(why.kind).toBe("vendor");
    expect(why.reason).toBe(`${quota}.`);
    expect(why.reason).toContain("daily quota used up");
    // Paused until the reset: no promise of a retry before it.
    const budget = { pausedUntil: "2026-11-25T00:00:00.000Z" } as Connection["budget"];
    const paused = explainStale(
      { ...conn({ vendor: "leadlex", lastError: quota }, { state: "failed", error: quota }), budget },
      { ...opts, now: Date.parse("2026-11-24T20:00:00Z") },
    );
    expect(paused.next).toBe("Touchline asks Leadlex nothing until the quota resets at 00:00 UTC, then syncs again.");
  });

  it("never shows the key hint", () => {
    for (const status of ["key_rejected", "key_unreadable", "unreachable", "ok"] as const) {
      const why = explainStale(
        conn({ status, lastError: status === "ok" ? outage : rejected }, { state: "failed" }),
        opts,
      );
      expect(JSON.stringify(why)).not.toContain("9XyZ");
    }
  });
});

describe("the next scheduled sync", () => {
  it("is the last success plus the interval, on the scheduler's one-minute tick", () => {
    expect(nextScheduledSync(ago(5), 15, NOW)).toBe("in about 11 min");
    expect(nextScheduledSync(ago(180), 15, NOW)).toBe("within a minute");
    expect(nextScheduledSync(null, 15, NOW)).toBe("within a minute");
    expect(nextScheduledSync(ago(5), 0, NOW)).toBeNull();
  });
});
