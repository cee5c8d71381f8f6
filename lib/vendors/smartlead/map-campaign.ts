import "server-only";
import type { CAMPAIGN_STATUSES } from "@/lib/model/campaign";
import type { MappedCampaign } from "@/lib/vendors/types";
import type { SmartleadAnalytics, SmartleadCampaignRow } from "./schemas";

const APP_URL = "https://app.smartlead.ai/app";
export const campaignUrl = (campaignId: string) => `${APP_URL}/email-campaign/${campaignId}/analytics`;

type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const CAMPAIGN_STATUS: Record<string, CampaignStatus> = {
  DRAFTED: "draft",
  ACTIVE: "active",
  PAUSED: "paused",
  COMPLETED: "completed",
  // A stopped Smartlead campaign cannot be resumed: it ended early.
  STOPPED: "completed",
  ARCHIVED: "archived",
};

export function mapCampaignStatus(status: string | null | undefined): CampaignStatus {
  return (status && CAMPAIGN_STATUS[status.toUpperCase()]) || "other";
}

const isoOrNull = (s: string | null | undefined): string | null => {
  if (!s) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

/** Smartlead's own figures, as numbers; `opened`/`clicked` are its unique counts (emails opened/clicked). */
export function vendorReported(a: SmartleadAnalytics): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const put = (key: string, v: number | null | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  put("sent", a.sent_count);
  put("opened", a.unique_open_count);
  put("clicked", a.unique_click_count);
  put("replied", a.reply_count);
  put("bounced", a.bounce_count);
  put("unsubscribed", a.unsubscribed_count);
  put("interested", a.campaign_lead_stats?.interested);
  put("leads", a.total_count);
  return out;
}

export function mapCampaign(
  row: SmartleadCampaignRow,
  analytics: SmartleadAnalytics | null,
  raw: { campaign: unknown; analytics: unknown },
): MappedCampaign {
  return {
    id: `smartlead:${row.id}`,
    vendor: "smartlead",
    vendorId: row.id,
    name: row.name?.trim() || `Campaign ${row.id}`,
    status: mapCampaignStatus(row.status),
    vendorStatus: row.status ?? null,
    createdAt: isoOrNull(row.created_at),
    vendorReported: analytics ? vendorReported(analytics) : null,
    url: campaignUrl(row.id),
    raw,
  };
}
