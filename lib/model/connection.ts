import { z } from "zod";
import { connectionHistorySchema, historyHorizonSchema } from "./history";
import { vendorSchema } from "./vendor-schema";

export const CONNECTION_STATUSES = ["ok", "key_rejected", "key_unreadable", "unreachable", "syncing"] as const;
export const connectionStatusSchema = z.enum(CONNECTION_STATUSES);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const SYNC_STATES = ["idle", "running", "succeeded", "failed"] as const;
export const syncRunStateSchema = z.enum(SYNC_STATES);

export const syncProgressSchema = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0).optional(),
  unit: z.string(),
  pages: z.number().int().min(0).optional(),
  stream: z.string().optional(),
  window: z.string().optional(),
  /** 0–1 over the run's streams, for a progress bar; absent before the first page. */
  fraction: z.number().min(0).max(1).optional(),
  /** What the run met and an operator should see (a listing that stopped on a repeated page). */
  warnings: z.array(z.string()).optional(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncStateSchema = z.object({
  id: z.string().nullable(),
  state: syncRunStateSchema,
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  progress: syncProgressSchema,
  rateLimitedMs: z.number().int().min(0),
  error: z.string().nullable().optional(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

/**
 * Where a connection stores the user's daily-budget settings (connections.meta), written by
 * PATCH /connections/{id} `dailyBudget` and read by the vendor's connector.
 */
export const BUDGET_SETTINGS_KEY = "budgetSettings";

/** A plan setting: "auto" (read from the vendor's headers) or one of the vendor meta's `dailyQuota.plans`. */
const planSettingSchema = z.string().trim().min(1).max(40);

/**
 * The daily request budget of a connection whose vendor counts requests per day (its meta's `dailyQuota`):
 * what today has used, what is kept for "Refresh now", when it resets, when the next
 * scheduled sync may start, and how far the per-contact history has been read.
 */
export const connectionBudgetSchema = z.object({
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  /** Requests kept for "Refresh now"; scheduled syncs never go below it. */
  reserve: z.number().int(),
  /** Share of the day scheduled syncs may use (0–1). */
  scheduledShare: z.number(),
  resetAt: z.iso.datetime(),
  /** Where the day's numbers come from: the vendor's headers, or the plan and Touchline's own count. */
  source: z.enum(["headers", "plan"]),
  /** The plan the daily limit belongs to, when it is a documented one (an id of the meta's plans). */
  plan: z.string().nullable(),
  planSetting: planSettingSchema,
  /** Set while the day's quota is used up: no request until then. */
  pausedUntil: z.iso.datetime().nullable(),
  nextSyncAt: z.iso.datetime().nullable(),
  /** Minutes between scheduled syncs on this plan. */
  intervalMinutes: z.number().nullable(),
  contacts: z.object({ total: z.number().int(), complete: z.number().int() }).nullable(),
  historyBackTo: z.iso.datetime().nullable(),
  historyComplete: z.boolean(),
});
export type ConnectionBudget = z.infer<typeof connectionBudgetSchema>;

export const connectionSchema = z.object({
  id: z.string(),
  vendor: vendorSchema,
  label: z.string(),
  keyHint: z.string(), // "••••abcd" — never the key
  status: connectionStatusSchema,
  demo: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSyncAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  quota: z
    .object({ remaining: z.number().nullable(), limit: z.number().nullable(), resetAt: z.string().nullable() })
    .nullable()
    .optional(),
  /** Connections of a vendor with a daily quota only (docs/api-additions.md). */
  budget: connectionBudgetSchema.nullable().optional(),
  /** How far back this connection imports, and how far each stream has read (docs/api-additions.md). */
  history: connectionHistorySchema.optional(),
  sync: syncStateSchema,
});
export type Connection = z.infer<typeof connectionSchema>;

export const createConnectionSchema = z.object({
  vendor: vendorSchema,
  label: z.string().trim().min(1).max(80).optional(),
  apiKey: z.string().trim().min(8, "looks too short for an API key").max(400),
  /** How far back to import (default: everything). */
  history: historyHorizonSchema.optional(),
});
/**
 * The daily-budget settings of a connection whose vendor has a daily quota: its plan (when
 * the API's headers say nothing; the vendor's plans are checked by the command) and the share
 * of the day scheduled syncs may use.
 */
export const dailyBudgetSettingsSchema = z
  .object({
    plan: planSettingSchema.optional(),
    scheduledShare: z.number().min(0.1).max(0.95).optional(),
  })
  .strict()
  .refine((v) => v.plan !== undefined || v.scheduledShare !== undefined, {
    message: "give a plan or a scheduledShare",
  });

export const updateConnectionSchema = z
  .object({
    label: z.string().trim().min(1).max(80).optional(),
    apiKey: z.string().trim().min(4).max(400).optional(),
    dailyBudget: dailyBudgetSettingsSchema.optional(),
    history: historyHorizonSchema.optional(),
  })
  .refine(
    (v) => v.label !== undefined || v.apiKey !== undefined || v.dailyBudget !== undefined || v.history !== undefined,
    {
      message: "give a label, an apiKey, dailyBudget settings or a history horizon",
    },
  );
