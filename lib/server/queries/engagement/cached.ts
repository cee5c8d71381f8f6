import "server-only";
import {
  engagementQuerySchema,
  engagementSchema,
  type BotsMode,
  type Engagement,
  type EngagementQuery,
  type ReplyMode,
} from "@/lib/model/engagement";
import { SnapshotCache } from "../../cache/snapshot-cache";
import type { Db } from "../../store/db";
import { campaignEngagement } from "./campaign-engagement";

// What the campaign page and its API route read: one campaign's engagement through the
// snapshot cache, and the first view the page renders from its URL.

const engagementCache = new SnapshotCache<Engagement>(200);

/**
 * `campaignEngagement` through the snapshot cache: exact (keyed by the store's data
 * version), and fifty viewers of one campaign cost one computation. The key holds the
 * 15-minute slot too, because a range left open ends "today" in `tz`.
 */
export function cachedCampaignEngagement(db: Db, id: string, q: EngagementQuery): Promise<Engagement> {
  const slot = Math.floor(Date.now() / 900_000);
  return engagementCache.get(db, JSON.stringify([id, q, slot]), () => campaignEngagement(db, id, q));
}

/**
 * The engagement a campaign page shows first, for the query its URL holds (the zone from
 * the URL, else `viewerTz`, else UTC), with the request the page's client would send for
 * it; null when the URL's query is not one the API accepts (the client then says why).
 */
export async function initialEngagement(
  db: Db,
  id: string,
  search: Record<string, string | string[] | undefined>,
  viewerTz: string | null,
): Promise<{
  request: {
    from: string | null;
    to: string | null;
    tz: string;
    interval: EngagementQuery["interval"];
    bots: BotsMode;
    replies: ReplyMode;
  };
  data: Engagement;
} | null> {
  const one = (k: string) => {
    const v = search[k];
    return (Array.isArray(v) ? v[0] : v) || null;
  };
  const raw = {
    from: one("from"),
    to: one("to"),
    tz: one("tz") ?? viewerTz ?? "UTC",
    interval: one("interval"),
    bots: one("bots"),
    replies: one("replies"),
  };
  // The schema reads a URL's parameters: an absent one is undefined there, never null
  // (null failed every field, so the page's first HTML had no figures at all).
  const parsed = engagementQuerySchema.safeParse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v ?? undefined])),
  );
  if (!parsed.success) return null;
  const data = engagementSchema.parse(await cachedCampaignEngagement(db, id, parsed.data));
  return {
    request: {
      from: raw.from,
      to: raw.to,
      tz: raw.tz,
      interval: parsed.data.interval,
      bots: parsed.data.bots,
      replies: parsed.data.replies,
    },
    data,
  };
}
