import "server-only";
import { BUDGET_SETTINGS_KEY } from "@/lib/model/connection";
import { clampShare, DEFAULT_SCHEDULED_SHARE } from "./budget";
import type { PlanSetting, Quota } from "./quota";

/**
 * What a Leadlex connection stores in its `meta` (connections.meta): the user's settings
 * (under BUDGET_SETTINGS_KEY, written by PATCH /connections/{id} `dailyBudget`) and the facts earlier sessions
 * reported (`quota`, `pausedUntil`). Read leniently: a damaged value falls back to the default.
 */
export interface LeadlexSettings {
  plan: PlanSetting;
  scheduledShare: number;
}

export const DEFAULT_SETTINGS: LeadlexSettings = { plan: "auto", scheduledShare: DEFAULT_SCHEDULED_SHARE };

export function settingsOf(meta: Record<string, unknown> | undefined): LeadlexSettings {
  const s = (meta?.[BUDGET_SETTINGS_KEY] ?? {}) as Partial<Record<keyof LeadlexSettings, unknown>>;
  const plan = s.plan === "starter" || s.plan === "pro" || s.plan === "auto" ? s.plan : DEFAULT_SETTINGS.plan;
  const share = typeof s.scheduledShare === "number" ? clampShare(s.scheduledShare) : DEFAULT_SETTINGS.scheduledShare;
  return { plan, scheduledShare: share };
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The quota an earlier session stored, if readable. */
export function storedQuota(meta: Record<string, unknown> | undefined): Quota | null {
  const q = meta?.quota as Record<string, unknown> | undefined;
  if (!q || !finite(q.limit) || !finite(q.remaining) || typeof q.resetAt !== "string") return null;
  const resetAt = Date.parse(q.resetAt);
  if (!Number.isFinite(resetAt)) return null;
  return { limit: q.limit, remaining: q.remaining, resetAt, source: q.source === "headers" ? "headers" : "plan" };
}

export function storedPause(meta: Record<string, unknown> | undefined): number | null {
  const at = typeof meta?.pausedUntil === "string" ? Date.parse(meta.pausedUntil) : NaN;
  return Number.isFinite(at) ? at : null;
}

/** The user set a plan or share on this connection (they win over the connector's options). */
export function hasStoredSettings(meta: Record<string, unknown>): boolean {
  const s = meta[BUDGET_SETTINGS_KEY];
  return typeof s === "object" && s !== null;
}
