import "server-only";
import type { MappedCampaign } from "@/lib/vendors/types";
import { campaignUrl, iso, nonEmpty, type LemlistMapContext } from "./map";
import type { LemlistCampaignRow, LemlistCampaignStats } from "./schemas";

/** lemlist campaign states (seed 002's campaignState list) → Touchline's. */
export const LEMLIST_CAMPAIGN_STATUSES: Readonly<Record<string, MappedCampaign["status"]>> = {
  draft: "draft",
  running: "active",
  paused: "paused",
  // A campaign in error has stopped sending until someone fixes it.
  errors: "paused",
  ended: "completed",
  archived: "archived",
};

/** The stats as numbers under the unified keys, plus lemlist's own reply rate (replies / opens). */
export function lemlistVendorReported(stats: LemlistCampaignStats | null): Record<string, number | null> | null {
  if (!stats) return null;
  const pick: [string, number | null | undefined][] = [
    ["sent", stats.sentCount],
    ["delivered", stats.deliveredCount],
    ["opened", stats.openedCount],
    ["clicked", stats.clickedCount],
    ["replied", stats.repliedCount],
    ["bounced", stats.bouncedCount],
    ["unsubscribed", stats.unsubscribedCount],
    ["interested", stats.interestedCount],
    ["notInterested", stats.notInterestedCount],
    ["leads", stats.leadTotal],
    [
      "replyRate",
      stats.replyRate ??
        (typeof stats.repliedCount === "number" && stats.openedCount ? stats.repliedCount / stats.openedCount : null),
    ],
  ];
  const out: Record<string, number | null> = {};
  for (const [key, v] of pick) if (typeof v === "number" && Number.isFinite(v)) out[key] = v;
  return Object.keys(out).length ? out : null;
}

export function mapLemlistCampaign(
  row: LemlistCampaignRow,
  stats: LemlistCampaignStats | null,
  ctx: LemlistMapContext = {},
): MappedCampaign {
  const vendorStatus = nonEmpty(row.status)?.toLowerCase() ?? (row.archived ? "archived" : null);
  const teamId = row.teamId ?? ctx.teamId ?? null;
  return {
    id: `lemlist:${row._id}`,
    vendor: "lemlist",
    vendorId: row._id,
    name: nonEmpty(row.name) ?? row._id,
    status: (vendorStatus && LEMLIST_CAMPAIGN_STATUSES[vendorStatus]) || "other",
    vendorStatus: nonEmpty(row.status),
    createdAt: row.createdAt && Number.isFinite(Date.parse(row.createdAt)) ? iso(row.createdAt) : null,
    vendorReported: lemlistVendorReported(stats),
    url: campaignUrl(teamId, row._id),
    raw: { campaign: row, stats },
  };
}
