/**
 * Which contacts' activities a sync run fetches. Leadlex has no account-wide activity
 * list (VENDORS.md), so every contact costs at least one request out of a small daily
 * quota: each run takes a budget of contacts, the ones most likely to have news first,
 * and keeps a reserve of the day for interactive "refresh now".
 */

/** Cursor of the activities stream: when each contact's activities were last fetched (the run's start, ISO). */
export interface ActivitiesState {
  fetched: Record<string, string>;
}

export interface BudgetOptions {
  /** Upper bound per run; default about a minute of Pro's per-minute limit. */
  maxContactsPerRun: number;
  /** Share of the daily limit left for interactive refreshes (0–1). */
  reserveFraction: number;
}

export const DEFAULT_BUDGET: BudgetOptions = { maxContactsPerRun: 40, reserveFraction: 0.2 };

export function reserveOf(limit: number | null, reserveFraction: number): number {
  return limit === null ? 0 : Math.ceil(limit * reserveFraction);
}

/** min(maxContactsPerRun, remaining daily quota − reserve); the maximum when the quota is not known yet. */
export function contactBudget(quota: { remaining: number | null; limit: number | null }, o: BudgetOptions): number {
  if (quota.remaining === null) return o.maxContactsPerRun;
  return Math.max(0, Math.min(o.maxContactsPerRun, quota.remaining - reserveOf(quota.limit, o.reserveFraction)));
}

export interface ContactStamp {
  id: string;
  /** The contact's `updated_date` in ms (Leadlex moves it when something happens to the contact). */
  updatedMs: number | null;
}

/**
 * Never-fetched contacts and those updated since their last fetch come first, most
 * recently updated first; then everyone else, longest-unfetched first. Ties by id, so
 * the order is stable from run to run.
 */
export function orderContacts(contacts: ContactStamp[], fetched: Record<string, string>): string[] {
  const fresh: ContactStamp[] = [];
  const stale: { id: string; at: number }[] = [];
  for (const c of contacts) {
    const f = fetched[c.id];
    const at = f === undefined ? NaN : Date.parse(f);
    if (!Number.isFinite(at) || (c.updatedMs !== null && c.updatedMs > at)) fresh.push(c);
    else stale.push({ id: c.id, at });
  }
  fresh.sort((a, b) => (b.updatedMs ?? -Infinity) - (a.updatedMs ?? -Infinity) || (a.id < b.id ? -1 : 1));
  stale.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return [...fresh.map((c) => c.id), ...stale.map((c) => c.id)];
}
