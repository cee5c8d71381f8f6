import { z } from "zod";
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
  sync: syncStateSchema,
});
export type Connection = z.infer<typeof connectionSchema>;

export const createConnectionSchema = z.object({
  vendor: vendorSchema,
  label: z.string().trim().min(1).max(80).optional(),
  apiKey: z.string().trim().min(8, "looks too short for an API key").max(400),
});
export const updateConnectionSchema = z
  .object({
    label: z.string().trim().min(1).max(80).optional(),
    apiKey: z.string().trim().min(4).max(400).optional(),
  })
  .refine((v) => v.label !== undefined || v.apiKey !== undefined, { message: "give a label or an apiKey" });
