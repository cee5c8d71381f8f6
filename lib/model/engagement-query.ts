// The query strings of the campaigns and engagement API (API.md "Campaigns and engagement"),
// as the routes parse them. Re-exported by ./engagement.ts with the answers' shapes.
import { z } from "zod";
import { CAMPAIGN_STATUSES } from "./campaign";
import { BOTS_MODES, calendarDayIn, ENGAGEMENT_INTERVALS, isCalendarDay, REPLY_MODES } from "./plain/engagement";
import { commaList, timeZoneSchema } from "./query-params";
import { VENDORS } from "./vendor";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const tzParam = z.preprocess(blank, timeZoneSchema.default("UTC"));

const dateParam = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine((s) => isCalendarDay(s) || z.iso.datetime({ offset: true }).safeParse(s).success, {
      message: "expected a date (YYYY-MM-DD) or an ISO 8601 date-time",
    })
    .optional(),
);

/** `from` after `to` (compared as calendar days in `tz`) is refused, naming `from`. */
function checkRange(v: { from?: string; to?: string; tz: string }, ctx: z.RefinementCtx) {
  if (v.from && v.to && calendarDayIn(v.from, v.tz) > calendarDayIn(v.to, v.tz)) {
    ctx.addIssue({ code: "custom", path: ["from"], message: `from (${v.from}) is after to (${v.to})` });
  }
}

/**
 * `GET /campaigns/{id}/engagement`. `from`/`to` are calendar days in `tz` (an ISO
 * date-time counts as the day it falls on there), both inclusive; they default to the days
 * of the campaign's first and last activity.
 */
export const engagementQuerySchema = z
  .object({
    from: dateParam,
    to: dateParam,
    tz: tzParam,
    interval: z.preprocess(blank, z.enum(ENGAGEMENT_INTERVALS).default("day")),
    bots: z.preprocess(blank, z.enum(BOTS_MODES).default("exclude")),
    replies: z.preprocess(blank, z.enum(REPLY_MODES).default("human")),
  })
  .superRefine(checkRange);
export type EngagementQuery = z.output<typeof engagementQuerySchema>;

const campaignIdList = z.preprocess(
  blank,
  z
    .string({ error: `give the campaigns to compare, e.g. ids=${VENDORS[0]}:cam_1,${VENDORS[1] ?? VENDORS[0]}:42` })
    .max(4000)
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().min(1).max(300))
        .min(1, "give at least one campaign id")
        .max(12, "compare at most 12 campaigns at once"),
    ),
);

/** `GET /campaigns/compare?ids=a,b&from=&to=`: without a range, each campaign's whole life. */
export const compareQuerySchema = z
  .object({
    ids: campaignIdList,
    from: dateParam,
    to: dateParam,
    tz: tzParam,
    bots: z.preprocess(blank, z.enum(BOTS_MODES).default("exclude")),
    replies: z.preprocess(blank, z.enum(REPLY_MODES).default("human")),
  })
  .superRefine(checkRange);
export type CompareQuery = z.output<typeof compareQuerySchema>;

/** `GET /campaigns?vendor=&q=&status=` (vendor and status accept comma lists). */
export const campaignListQuerySchema = z.object({
  vendor: z.preprocess(blank, commaList(VENDORS, "vendor")),
  status: z.preprocess(blank, commaList(CAMPAIGN_STATUSES, "status")),
  q: z.preprocess(blank, z.string().trim().max(200).optional()),
});
export type CampaignListQuery = z.output<typeof campaignListQuerySchema>;
