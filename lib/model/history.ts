import { z } from "zod";

/**
 * How far back a connection's history goes — the user's choice per connection (issue 19):
 * everything the vendor has (the default), everything since a day, or the last N months.
 * Stored on the connection (connections.meta.history); the sync turns it into an instant.
 */
export const historyHorizonSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("all") }).strict(),
  z
    .object({
      mode: z.literal("since"),
      since: z.iso.date().refine((d) => Date.parse(`${d}T00:00:00Z`) >= Date.parse("2000-01-01T00:00:00Z"), {
        message: "give a day in 2000 or later",
      }),
    })
    .strict(),
  z.object({ mode: z.literal("months"), months: z.number().int().min(1).max(240) }).strict(),
]);
export type HistoryHorizon = z.infer<typeof historyHorizonSchema>;

export const DEFAULT_HORIZON: HistoryHorizon = { mode: "all" };

/** How far one stream has read back, as its last page said. */
export const streamHistorySchema = z.object({
  stream: z.string(),
  /** Everything after this instant is read (null: not started). */
  backTo: z.iso.datetime().nullable(),
  /** Nothing older is left to read (the vendor has nothing older, or the horizon is reached). */
  complete: z.boolean(),
});
export type StreamHistory = z.infer<typeof streamHistorySchema>;

/** A connection's history: the horizon, the instant it means now, and each stream's progress. */
export const connectionHistorySchema = z.object({
  horizon: historyHorizonSchema,
  /** The horizon as an instant today (null: everything). */
  from: z.iso.datetime().nullable(),
  streams: z.array(streamHistorySchema),
  /** Every stream that reads history has read it to the end. */
  complete: z.boolean(),
  /** The newest `backTo` of the streams still reading (what "History back to …" shows), else the oldest. */
  backTo: z.iso.datetime().nullable(),
});
export type ConnectionHistory = z.infer<typeof connectionHistorySchema>;

/** `GET /connections/{id}/prune` and `POST …/prune`: rows older than the horizon. */
export const pruneQuerySchema = z.object({ before: z.iso.datetime() });
export const pruneBodySchema = z.object({ before: z.iso.datetime() }).strict();
export const prunePreviewSchema = z.object({ before: z.iso.datetime(), activities: z.number().int().min(0) });
