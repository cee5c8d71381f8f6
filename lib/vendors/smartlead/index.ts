import "server-only";
import type { Connector } from "@/lib/vendors/types";
import { DEFAULT_WINDOWS, activitiesStream, type ActivityWindowOptions } from "./activities-stream";
import { campaignsStream } from "./campaigns-stream";
import { createSmartleadClient, type SmartleadClientOptions } from "./client";
import { smartleadMapper } from "./map-pool";
import { refreshPerson } from "./refresh";

export type { ActivitiesState } from "./activities-stream";
export type { CampaignsState } from "./campaigns-stream";

export const SMARTLEAD_BASE_URL = "https://server.smartlead.ai/api/v1";

export interface SmartleadConnectorOptions extends Partial<ActivityWindowOptions> {
  /** HTTP settings; the pace defaults to the documented 10 requests / 2 s. */
  http?: Omit<SmartleadClientOptions, "baseUrl" | "apiKey" | "onRateLimitWait">;
  /**
   * Where activities pages are parsed and mapped: worker threads (the default), or this
   * thread (`TOUCHLINE_SYNC_WORKERS=0` too). Tests compare the two.
   */
  mapping?: "worker" | "thread";
}

/**
 * Smartlead: campaigns (with analytics) then activities from all-leads-activities in date
 * windows — recent first, then the whole history newest first; no tasks API.
 * `refreshPerson` reads the lead by email and its message history.
 * Options: `lookbackDays` (default 14) is how far back each sync re-reads recent sends.
 */
export function createSmartleadConnector(options: SmartleadConnectorOptions = {}): Connector {
  const { http, mapping, ...windows } = options;
  const windowOptions: ActivityWindowOptions = { ...DEFAULT_WINDOWS, ...windows };
  return {
    vendor: "smartlead",
    defaultBaseUrl: SMARTLEAD_BASE_URL,
    open(ctx) {
      const client = createSmartleadClient(
        { ...ctx.http, ...http, baseUrl: ctx.baseUrl, apiKey: ctx.apiKey, onRateLimitWait: ctx.onRateLimitWait },
        ctx.signal,
      );
      return {
        async verifyKey() {
          await client.campaigns();
        },
        streams: () => [
          campaignsStream(client, ctx),
          activitiesStream(client, ctx, windowOptions, smartleadMapper(mapping)),
        ],
        refreshPerson: (person) => refreshPerson(client, ctx, person),
      };
    },
  };
}

export const smartleadConnector = createSmartleadConnector();
