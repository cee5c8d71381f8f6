import "server-only";
import { z } from "zod";
import { parseInstant } from "./time";

/**
 * Leadlex payloads, read leniently (VENDORS.md: "parse leniently, keep raw"): unknown
 * fields kept, most fields optional or null, numbers that arrive as strings coerced,
 * any `type` string accepted. Timestamps come as `created_date` or `created_at`
 * (and `updated_date` or `updated_at`): either is enough.
 */

const id = z.union([z.string().min(1), z.number()]).transform(String);
const text = z.string().nullish();
const idish = z.union([z.string(), z.number()]).transform(String).nullish();
/** A number, or a numeric string ("12", "0.25"). */
export const numberish = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const metadata = z
  .preprocess(
    (v) => {
      if (v === null || v === undefined) return {};
      if (typeof v === "string") {
        try {
          return JSON.parse(v);
        } catch {
          return {};
        }
      }
      return v;
    },
    z.record(z.string(), z.unknown()),
  )
  .catch({});

const hasTime = (keys: readonly string[]) => (row: Record<string, unknown>) =>
  keys.some((k) => parseInstant(row[k]) !== null);

export const activityRowSchema = z
  .looseObject({
    id,
    type: z.string().min(1),
    title: text,
    description: text,
    contact_id: idish,
    deal_id: idish,
    entity_type: text,
    entity_id: idish,
    entity_name: text,
    metadata,
    created_by_user_id: idish,
    created_date: z.unknown().optional(),
    created_at: z.unknown().optional(),
  })
  .refine(hasTime(["created_date", "created_at"]), {
    message: "no readable created_date or created_at",
    path: ["created_date"],
  });
export type ActivityRow = z.output<typeof activityRowSchema>;

export const contactRowSchema = z.looseObject({
  id,
  full_name: text,
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  job_title: text,
  company_name: text,
  created_at: z.unknown().optional(),
  created_date: z.unknown().optional(),
  updated_date: z.unknown().optional(),
  updated_at: z.unknown().optional(),
});
export type ContactRow = z.output<typeof contactRowSchema>;

export const taskRowSchema = z.looseObject({
  id,
  title: text,
  description: text,
  status: text,
  priority: text,
  task_type: text,
  due_date: z.union([z.string(), z.number()]).nullish(),
  assigned_to_user_id: idish,
  contact_id: idish,
  deal_id: idish,
  completed_date: z.unknown().optional(),
  created_date: z.unknown().optional(),
  created_at: z.unknown().optional(),
});
export type TaskRow = z.output<typeof taskRowSchema>;

export const campaignRowSchema = z.looseObject({
  id,
  name: text,
  status: text,
  created_at: z.unknown().optional(),
  created_date: z.unknown().optional(),
});
export type CampaignRow = z.output<typeof campaignRowSchema>;

const count = numberish.nullish().catch(null);
export const campaignStatsSchema = z.looseObject({
  sent_count: count,
  opened_count: count,
  clicked_count: count,
  replied_count: count,
  bounced_count: count,
  unsubscribed_count: count,
  open_rate: count,
  click_rate: count,
  reply_rate: count,
  bounce_rate: count,
  unsubscribe_rate: count,
});
export type CampaignStats = z.output<typeof campaignStatsSchema>;

const metaSchema = z
  .looseObject({
    page: numberish.nullish().catch(null),
    per_page: numberish.nullish().catch(null),
    total: numberish.nullish().catch(null),
  })
  .nullish()
  .catch(null);

/** `{data:{<key>:[…]}, meta:{page, per_page, total}}`: the rows stay unknown until each is parsed alone. */
export function listEnvelope<K extends string>(key: K) {
  return z.looseObject({
    data: z.looseObject({ [key]: z.array(z.unknown()) } as Record<K, z.ZodArray<z.ZodUnknown>>),
    meta: metaSchema,
  });
}

/** Stats come as `{data:{…counts}}`; `{data:{stats:{…}}}` and a bare object are accepted too. */
export function statsOf(body: unknown): CampaignStats | null {
  const data = (body as { data?: unknown } | null)?.data ?? body;
  const inner = (data as { stats?: unknown } | null)?.stats ?? data;
  const parsed = campaignStatsSchema.safeParse(inner);
  return parsed.success ? parsed.data : null;
}

export interface ParsedRows<T> {
  rows: { value: T; raw: unknown }[];
  skipped: number;
  /** Ids of skipped rows that had one (a task listing still counts them as seen). */
  skippedIds: string[];
}

export type Warn = (message: string, fields?: Record<string, unknown>) => void;

/** Parses each row on its own: one odd row is skipped and reported (id and issue paths), never fatal. */
export function parseRows<S extends z.ZodType>(
  items: unknown[],
  schema: S,
  what: string,
  warn?: Warn,
): ParsedRows<z.output<S>> {
  const rows: { value: z.output<S>; raw: unknown }[] = [];
  const skippedIds: string[] = [];
  let skipped = 0;
  for (const raw of items) {
    const r = schema.safeParse(raw);
    if (r.success) rows.push({ value: r.data, raw });
    else {
      skipped++;
      const rid = (raw as { id?: unknown } | null)?.id;
      const id = typeof rid === "string" || typeof rid === "number" ? String(rid) : null;
      if (id) skippedIds.push(id);
      warn?.(`leadlex: skipped a ${what} row that did not parse`, {
        id,
        issues: r.error.issues.map((i) => i.path.join(".") || "(row)"),
      });
    }
  }
  return { rows, skipped, skippedIds };
}
