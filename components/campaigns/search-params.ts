// The campaign pages' filters live in the URL (shareable views), parsed the same way by
// the pages and their components.
import { parseAsArrayOf, parseAsString, parseAsStringLiteral } from "nuqs";
import { CAMPAIGN_STATUSES } from "@/lib/model/plain/campaign";
import { BOTS_MODES, ENGAGEMENT_INTERVALS, REPLY_MODES } from "@/lib/model/plain/engagement";
import { VENDORS } from "@/lib/model/vendor";

/** Campaign page and compare page: range (calendar days), zone, interval, machine events. */
export const engagementParams = {
  from: parseAsString,
  to: parseAsString,
  tz: parseAsString,
  interval: parseAsStringLiteral(ENGAGEMENT_INTERVALS).withDefault("day"),
  bots: parseAsStringLiteral(BOTS_MODES).withDefault("exclude"),
  /** Issue 18: people's replies (default) or every reply. */
  replies: parseAsStringLiteral(REPLY_MODES).withDefault("human"),
};

export const CAMPAIGN_SORTS = [
  "name",
  "vendor",
  "status",
  "sent",
  "delivered",
  "open",
  "click",
  "reply",
  "bounce",
  "interested",
  "lastActivityAt",
] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];

/** Campaigns list: text, vendor and status facets, sort column and direction. */
export const campaignListParams = {
  q: parseAsString.withDefault(""),
  vendor: parseAsArrayOf(parseAsStringLiteral(VENDORS)).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(CAMPAIGN_STATUSES)).withDefault([]),
  sort: parseAsStringLiteral(CAMPAIGN_SORTS).withDefault("lastActivityAt"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("desc"),
};

/** Compare page: the campaigns, comma-separated (ids hold a colon, never a comma). */
export const compareParams = {
  ids: parseAsArrayOf(parseAsString).withDefault([]),
  from: parseAsString,
  to: parseAsString,
  tz: parseAsString,
  bots: parseAsStringLiteral(BOTS_MODES).withDefault("exclude"),
  replies: parseAsStringLiteral(REPLY_MODES).withDefault("human"),
};
