import { z } from "zod";
import { CAMPAIGN_STATUSES, COMPLETENESS_REASONS, ENGAGEMENT_COUNTS } from "./plain/campaign";
import { vendorSchema } from "./vendor-schema";

export {
  CAMPAIGN_STATUSES,
  COMPLETENESS_REASONS,
  ENGAGEMENT_COUNTS,
  RATE_DEFINITIONS,
  ratio,
  type Completeness,
} from "./plain/campaign";

export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);

export const engagementCountsSchema = z.object(
  Object.fromEntries(ENGAGEMENT_COUNTS.map((k) => [k, z.number().int().min(0)])) as Record<
    (typeof ENGAGEMENT_COUNTS)[number],
    z.ZodNumber
  >,
);
export type EngagementCounts = z.infer<typeof engagementCountsSchema>;

export const ratesSchema = z.object({
  open: z.number().nullable(),
  click: z.number().nullable(),
  reply: z.number().nullable(),
  bounce: z.number().nullable(),
  positive: z.number().nullable().optional(),
});
export type Rates = z.infer<typeof ratesSchema>;

export const completenessSchema = z.object({
  state: z.enum(["complete", "partial"]),
  synced: z.number().int().min(0),
  vendorReported: z.number().nullable(),
  reasons: z.array(z.enum(COMPLETENESS_REASONS)),
  reason: z.string().nullable(),
  completeBy: z.iso.datetime().nullable(),
});

/** Numbers the vendor itself reports, kept as given (keys vary by vendor). */
export const vendorReportedSchema = z.record(z.string(), z.number().nullable()).nullable();

export const campaignSchema = z.object({
  id: z.string(), // `<vendor>:<vendor id>`
  connectionId: z.string(),
  vendor: vendorSchema,
  vendorId: z.string(),
  name: z.string(),
  status: campaignStatusSchema,
  vendorStatus: z.string().nullable(),
  createdAt: z.iso.datetime().nullable(),
  vendorReported: vendorReportedSchema,
  url: z.string().nullable(),
  raw: z.unknown(),
});
export type Campaign = z.infer<typeof campaignSchema>;
