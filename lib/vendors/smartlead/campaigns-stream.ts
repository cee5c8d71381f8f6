import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import { figuresSchedule, type FiguresReadAt } from "@/lib/vendors/shared/figures-refresh";
import type { ConnectorContext, MappedCampaign, Stream, StreamPage } from "@/lib/vendors/types";
import type { SmartleadClient } from "./client";
import { mapCampaign } from "./map-campaign";
import { idOf } from "./rows";
import { analyticsSchema, campaignSchema, issuePaths, type SmartleadAnalytics } from "./schemas";

export interface CampaignsState {
  /** When the last complete listing was read. */
  listedAt: string | null;
  /** When each campaign's analytics were last read (shared/figures-refresh.ts). */
  figuresReadAt?: FiguresReadAt;
}

/** Campaigns per page: each costs an analytics request, so pages stay short and progress moves. */
const PER_PAGE = 20;

/**
 * The campaigns stream: the whole `GET /campaigns/` listing, each campaign with its
 * `/analytics` as `vendorReported` when they are due (at most every 6 hours,
 * shared/figures-refresh.ts). Drafted campaigns have sent nothing, so their analytics are not
 * asked for.
 */
export function campaignsStream(client: SmartleadClient, ctx: ConnectorContext): Stream<CampaignsState> {
  async function analyticsOf(campaignId: string): Promise<{ parsed: SmartleadAnalytics | null; raw: unknown }> {
    let raw: unknown;
    try {
      raw = await client.campaignAnalytics(campaignId);
    } catch (err) {
      // A campaign deleted between the listing and this call: keep it, without figures.
      if (err instanceof VendorRequestError && err.status === 404) {
        ctx.warn?.("smartlead: campaign analytics not found", { campaignId });
        return { parsed: null, raw: null };
      }
      throw err;
    }
    const parsed = analyticsSchema.safeParse(raw);
    if (!parsed.success)
      ctx.warn?.("smartlead: campaign analytics unreadable", { campaignId, issues: issuePaths(parsed.error) });
    return { parsed: parsed.success ? parsed.data : null, raw };
  }

  return {
    name: "campaigns",
    async *pages(state): AsyncGenerator<StreamPage<CampaignsState>> {
      const now = ctx.now?.() ?? new Date();
      const listedAt = now.toISOString();
      const figures = figuresSchedule(state, now);
      const rows = await client.campaigns();
      const total = rows.length;
      let done = 0;
      let skipped = 0;
      let campaigns: MappedCampaign[] = [];
      const old: CampaignsState = state ?? { listedAt: null };
      for (let i = 0; i < rows.length; i++) {
        const raw = rows[i];
        const row = campaignSchema.safeParse(raw);
        if (!row.success) {
          skipped++;
          ctx.warn?.("smartlead: skipped a campaign row it could not read", {
            campaignId: idOf(raw, "id"),
            issues: issuePaths(row.error),
          });
        } else {
          const due = row.data.status?.toUpperCase() !== "DRAFTED" && figures.take(row.data.id);
          const analytics = due ? await analyticsOf(row.data.id) : { parsed: null, raw: null };
          campaigns.push(mapCampaign(row.data, analytics.parsed, { campaign: raw, analytics: analytics.raw }));
        }
        done++;
        const last = i === rows.length - 1;
        if (campaigns.length >= PER_PAGE || last) {
          yield {
            batch: { campaigns },
            state: last ? { listedAt, figuresReadAt: figures.next } : old,
            progress: { done, total },
            ...(skipped ? { skipped } : {}),
          };
          campaigns = [];
          skipped = 0;
        }
      }
      if (total === 0) yield { batch: { campaigns: [] }, state: { listedAt }, progress: { done: 0, total: 0 } };
    },
  };
}
