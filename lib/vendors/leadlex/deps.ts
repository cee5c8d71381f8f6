import "server-only";
import type { RunBudget } from "./budget";
import type { LeadlexClient } from "./client";
import type { Warn } from "./schemas";

/** What the streams of one session share. */
export interface StreamDeps {
  client: LeadlexClient;
  /** The scheduled run's spending: every stream asks it before each request. */
  budget: RunBudget;
  now: () => Date;
  warn?: Warn;
  /** The connection's history horizon (ConnectorContext.history): nothing created before it is read; null = everything. */
  horizonMs: number | null;
  /** How far before a contact's last read a re-read starts (rows upsert, so overlap only costs rows). */
  overlapMs: number;
  /** Facts for the connection card (ConnectorContext.onMeta). */
  report(meta: Record<string, unknown>): void;
  /** The contact directory the contacts stream leaves for the activities stream. */
  shared: { directory: Directory | null };
}

/** Every contact known to the connection: id → `updated_date` in epoch ms (null when the row has none). */
export type Directory = Map<string, number | null>;

/** The run may not spend another request: the stream ends where it is, its cursor saved. */
export class BudgetSpent extends Error {
  override name = "BudgetSpent";
}

/** Runs one request of a scheduled sync, if the run's budget allows it. */
export async function spend<T>(d: Pick<StreamDeps, "budget" | "client">, request: () => Promise<T>): Promise<T> {
  // A spent day is the vendor's word, not the run's budget: it fails the run (and pauses the connection).
  d.client.assertOpen();
  if (!d.budget.canSpend()) throw new BudgetSpent("the run's share of the daily quota is spent");
  return request();
}

export const SIX_HOURS = 6 * 3_600_000;
export const isoNow = (d: Pick<StreamDeps, "now">) => d.now().toISOString();

/** A 32-bit FNV-1a hash of a row's JSON: enough to tell "changed since the last read". */
export function fingerprint(raw: unknown): string {
  const s = JSON.stringify(raw) ?? "";
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
