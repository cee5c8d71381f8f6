import "server-only";
import { BUDGET_SETTINGS_KEY, type ConnectionBudget } from "@/lib/model/connection";
import { DEFAULT_SCHEDULED_SHARE } from "./budget";
import { nextMidnightUtc, PLANS } from "./quota";
import { settingsOf } from "./settings";

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const when = (v: unknown): string | null => {
  const ms = typeof v === "string" ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

/**
 * The daily budget as the connector reported it (connections.meta: `quota`, `leadlex`,
 * `nextSyncAt`, `pausedUntil`, `schedule`, and the user's settings), for the connection's
 * card and the completeness notes. A quota whose reset has passed reads as a fresh day.
 */
export function budgetView(meta: Record<string, unknown>, now = Date.now()): ConnectionBudget {
  const q = (meta.quota ?? {}) as Record<string, unknown>;
  const h = (meta.leadlex ?? {}) as Record<string, unknown>;
  const settings = settingsOf(meta);
  const stated = num((meta[BUDGET_SETTINGS_KEY] as Record<string, unknown> | undefined)?.scheduledShare);
  const share = stated ?? num(q.scheduledShare) ?? DEFAULT_SCHEDULED_SHARE;
  const limit = num(q.limit) ?? PLANS[settings.plan === "pro" ? "pro" : "starter"].perDay;
  const resetAt = when(q.resetAt);
  const today = resetAt !== null && Date.parse(resetAt) > now;
  const remaining = today ? Math.max(0, Math.min(limit, num(q.remaining) ?? limit)) : limit;
  const pausedUntil = when(meta.pausedUntil);
  const intervalMs = num((meta.schedule as Record<string, unknown> | undefined)?.intervalMs);
  const total = num(h.contactsTotal);
  const complete = num(h.contactsComplete);
  return {
    limit,
    used: limit - remaining,
    remaining,
    reserve: limit - Math.floor(limit * share + 1e-9),
    scheduledShare: share,
    resetAt: today ? resetAt! : new Date(nextMidnightUtc(now)).toISOString(),
    source: q.source === "headers" ? "headers" : "plan",
    plan: q.plan === "starter" || q.plan === "pro" ? q.plan : null,
    planSetting: settings.plan,
    pausedUntil: pausedUntil && Date.parse(pausedUntil) > now ? pausedUntil : null,
    nextSyncAt: when(meta.nextSyncAt),
    intervalMinutes: intervalMs === null ? null : Math.round(intervalMs / 60_000),
    contacts: total === null || complete === null ? null : { total, complete },
    historyBackTo: when(h.historyBackTo),
    historyComplete: h.historyComplete === true,
  };
}
