import "server-only";
import type { Vendor } from "@/lib/model/vendor";
import { log } from "../log";

/** One line per sync for whoever reads the server log: what was read, what it cost, how long it took. */
export function logSummary(s: {
  vendor: Vendor;
  connectionId: string;
  syncId: string;
  state: "succeeded" | "failed";
  rows: number;
  skipped: number;
  requests: number;
  rateLimitedMs: number;
  ms: number;
  error: string | null;
}): void {
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const text =
    `sync ${s.state === "succeeded" ? "done" : "failed"}: ${s.vendor}, ${s.rows} rows, ${s.requests} requests, ` +
    `${secs(s.rateLimitedMs)} waiting for rate limits, ${secs(s.ms)}` +
    (s.skipped ? `, ${s.skipped} rows skipped` : "") +
    (s.error ? ` — ${s.error}` : "");
  const { error: _error, ...fields } = s;
  if (s.state === "succeeded") log.info(text, fields);
  else log.warn(text, fields);
}
