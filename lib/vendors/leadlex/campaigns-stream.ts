import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { MappedCampaign, Stream } from "@/lib/vendors/types";
import { BudgetSpent, isoNow, SIX_HOURS, spend, type StreamDeps } from "./deps";
import { mapCampaign } from "./map";
import { guardedPages, PageGuard } from "./paging";
import { campaignRowSchema, parseRows, type CampaignStats } from "./schemas";

/**
 * `campaigns`: the listing every sync (one page for most accounts), and each campaign's
 * all-time stats at most every six hours — oldest first, a third of the run's budget at
 * most. Between two reads a campaign keeps its last numbers (the store never blanks them).
 */
export interface CampaignsState {
  v: 2;
  stats: Record<string, { at: string; s: CampaignStats | null }>;
}

export function readCampaignsState(state: unknown): CampaignsState {
  const s = state as Partial<CampaignsState> | null;
  return s?.v === 2 && s.stats && typeof s.stats === "object" ? { v: 2, stats: s.stats } : { v: 2, stats: {} };
}

export function campaignsStream(d: StreamDeps): Stream<CampaignsState> {
  return {
    name: "campaigns",
    async *pages(state) {
      const stats = { ...readCampaignsState(state).stats };
      const nowMs = d.now().getTime();
      const guard = new PageGuard("leadlex", "campaigns");
      const maxStats = Math.max(1, Math.floor(d.budget.plan().runCap / 3));
      let fetched = 0;
      let done = 0;
      try {
        for await (const p of guardedPages((page) => spend(d, () => d.client.listCampaigns({ page })), guard)) {
          const { rows, skipped } = parseRows(p.rows, campaignRowSchema, "campaign", d.warn);
          const age = (id: string) => (stats[id] ? nowMs - Date.parse(stats[id].at) : Infinity);
          const due = rows
            .filter((r) => age(r.value.id) >= SIX_HOURS)
            .sort((a, b) => age(b.value.id) - age(a.value.id));
          for (const r of due) {
            if (fetched >= maxStats || !d.budget.canSpend()) break;
            fetched++;
            let s: CampaignStats | null = null;
            try {
              s = await spend(d, () => d.client.campaignStats(r.value.id));
            } catch (err) {
              // A campaign deleted between the listing and its stats: keep the campaign, without numbers.
              if (!(err instanceof VendorRequestError)) throw err;
              d.warn?.("leadlex: campaign stats unavailable", { id: r.value.id, status: err.status });
            }
            stats[r.value.id] = { at: isoNow(d), s };
          }
          const campaigns: MappedCampaign[] = rows.map((r) =>
            mapCampaign(r.value, r.raw, stats[r.value.id]?.s ?? null),
          );
          done += rows.length;
          yield {
            batch: { campaigns },
            state: { v: 2, stats: { ...stats } },
            progress: { done, total: p.total ?? undefined },
            skipped,
            ...(p.repeated ? { warnings: [guard.warning()] } : {}),
          };
        }
      } catch (err) {
        if (!(err instanceof BudgetSpent)) throw err;
      }
    },
  };
}
