import { createHarness, type Simulator, type SimulatorOptions } from "@/lib/sandbox/shared/harness";
import { SlidingLog } from "@/lib/sandbox/shared/rate-limit";
import type { World } from "@/lib/sandbox/shared/world";
import { addSmartleadDriftItems, generateSmartleadData } from "./data";
import { applyLateEvents } from "./late";
import { parseDay, parseEventTime } from "./params";
import { SmartleadIndex } from "./query";
import type { SmartleadCampaign, SmartleadData } from "./records";
import { addSeedExamples } from "./seed-example";
import { campaignAnalytics, campaignAnalyticsByDate, leadByEmail, messageHistory } from "./views";

/** Path part of `https://server.smartlead.ai/api/v1`. */
export const BASE_PATH = "/api/v1";
/** Smartlead keys look like a UUID and an underscore-joined hex tail. */
export const DEMO_API_KEY = "5b1f0c3e-8d2a-4f6b-9c71-2e4a6d8b0f13_7kq2mz";

/** VENDORS.md: "Pace at 10 per 2 s" (the burst form of the documented 60/min). */
export const RATE_LIMIT = { limit: 10, windowMs: 2_000 };
/** Seed 001: `limit` 1–1000, default 100. */
export const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;
/** analytics-by-date refuses longer spans (VENDORS.md, unverified). */
const MAX_ANALYTICS_DAYS = 30;

/**
 * Smartlead's clock (`now`) also releases engagement the generator placed after the world's
 * now (late opens, clicks, further replies): it shows once the clock has passed it.
 */
export interface SmartleadSimulatorOptions extends SimulatorOptions<SmartleadData> {
  /** A higher limit for tests that would otherwise wait on the documented one. */
  rateLimit?: { limit: number; windowMs: number };
  /** Also serve seed 001's example lead (campaign 123 "Q4 Outreach", November 2025) with its original dates. */
  seedExamples?: boolean;
}

const json = (status: number, body: unknown, headers?: HeadersInit) => Response.json(body, { status, headers });
/** Smartlead's error envelope, the shape of its documented 429 body. */
const fail = (status: number, code: string, message: string) => json(status, { error: { code, message } });

function tooManyRequests(retryAfterSeconds: number): Response {
  const secs = Math.max(0, Math.ceil(retryAfterSeconds));
  return json(429, { error: { code: "RATE_LIMIT_EXCEEDED", retry_after: secs } }, { "retry-after": String(secs) });
}

const unauthorized = () => fail(401, "UNAUTHORIZED", "Invalid or missing API key");

export function createSmartleadSimulator(
  world: World,
  opts: SmartleadSimulatorOptions = {},
): Simulator & { data: SmartleadData; apiKey: string } {
  const apiKey = opts.apiKey ?? DEMO_API_KEY;
  const now = opts.now ?? Date.now;
  const data = opts.data ?? generateSmartleadData(world);
  if (opts.seedExamples) addSeedExamples(data);
  const index = new SmartleadIndex(data);
  const limit = opts.rateLimit ?? RATE_LIMIT;
  const limiter = new SlidingLog(limit.limit, limit.windowMs, now);

  async function serve(req: Request, ctx: { url: URL; drift: number }): Promise<Response> {
    const { url } = ctx;
    if (url.searchParams.get("api_key") !== apiKey) return unauthorized();
    const slot = limiter.take(apiKey);
    if (!slot.ok) return tooManyRequests(slot.retryAfterMs / 1000);
    index.repliedLater(applyLateEvents(data, now()));

    if (req.method !== "GET" || !url.pathname.startsWith(BASE_PATH + "/")) return notFound(url);
    const parts = url.pathname
      .slice(BASE_PATH.length + 1)
      .split("/")
      .filter(Boolean);
    const [a, b, c, d, e] = parts;

    if (a === "campaigns" && parts.length === 1) return json(200, data.campaigns);
    if (a === "campaigns" && b === "all-leads-activities" && parts.length === 2) {
      if (ctx.drift > 0) index.added(addSmartleadDriftItems(data, ctx.drift, new Date(now())));
      return allLeadsActivities(url);
    }
    if (a === "leads" && parts.length === 1) return leadLookup(url);
    if (a === "campaigns" && b && /^\d+$/.test(b)) {
      const campaign = index.campaigns.get(Number(b));
      if (!campaign) return fail(404, "NOT_FOUND", "Campaign not found");
      if (parts.length === 2) return json(200, campaign);
      if (c === "analytics" && parts.length === 3)
        return json(200, campaignAnalytics(campaign, index.campaignLeads(campaign.id)));
      if (c === "analytics-by-date" && parts.length === 3) return analyticsByDate(url, campaign);
      if (c === "leads" && d && e === "message-history" && parts.length === 5) {
        const lead = /^\d+$/.test(d) ? index.lead(campaign.id, Number(d)) : null;
        return lead ? json(200, messageHistory(lead)) : fail(404, "NOT_FOUND", "Lead not found in this campaign");
      }
    }
    return notFound(url);
  }

  /** Seed 001 `GET /campaigns/all-leads-activities` (the `ignorePaging` fault strips `offset` before it gets here). */
  function allLeadsActivities(url: URL): Response {
    const q = url.searchParams;
    const offset = intParam(q.get("offset"), 0);
    const limitN = intParam(q.get("limit"), DEFAULT_LIMIT);
    if (offset === null || offset < 0) return fail(422, "VALIDATION_ERROR", "offset must be an integer >= 0");
    if (limitN === null || limitN < 1 || limitN > MAX_LIMIT)
      return fail(422, "VALIDATION_ERROR", `limit must be an integer between 1 and ${MAX_LIMIT}`);
    const fromRaw = q.get("event_time_from");
    const toRaw = q.get("event_time_to");
    if (toRaw !== null && fromRaw === null)
      return fail(400, "BAD_REQUEST", "event_time_to must be used with event_time_from");
    const from = fromRaw === null ? null : parseEventTime(fromRaw, "start");
    const to = toRaw === null ? null : parseEventTime(toRaw, "end");
    if (Number.isNaN(from))
      return fail(400, "BAD_REQUEST", "Invalid date format for event_time_from (ISO 8601 or YYYY-MM-DD)");
    if (Number.isNaN(to))
      return fail(400, "BAD_REQUEST", "Invalid date format for event_time_to (ISO 8601 or YYYY-MM-DD)");
    if (from !== null && to !== null && to < from)
      return fail(400, "BAD_REQUEST", "event_time_to must not be before event_time_from");

    const hits = index.window(from, to);
    const page = hits.slice(offset, offset + limitN).map((h) => {
      const lead = data.leads[h.lead]!;
      const c = index.campaigns.get(lead.campaign_id);
      return {
        lead_id: lead.lead_id,
        email_lead_map_id: lead.email_lead_map_id,
        campaign_id: lead.campaign_id,
        campaign_name: c?.name ?? lead.campaign_name,
        campaign_status: c?.status ?? lead.campaign_status,
        status: lead.status,
        lead_category: lead.lead_category,
        current_seq_num: lead.current_seq_num,
        created_at: lead.created_at,
        activities: h.acts ? h.acts.map((i) => lead.activities[i]!) : lead.activities,
      };
    });
    return json(200, { data: page, hasMore: offset + page.length < hits.length });
  }

  /** VENDORS.md: "an unknown email answers 200 with {}". */
  function leadLookup(url: URL): Response {
    const email = url.searchParams.get("email");
    if (!email) return fail(400, "BAD_REQUEST", "email is required");
    const record = index.record(email);
    if (!record) return json(200, {});
    return json(200, leadByEmail(record, index.leadsOf(record.id), index.campaigns));
  }

  function analyticsByDate(url: URL, campaign: SmartleadCampaign): Response {
    const from = parseDay(url.searchParams.get("start_date"));
    const to = parseDay(url.searchParams.get("end_date"));
    if (!from || !to) return fail(400, "BAD_REQUEST", "start_date and end_date are required as YYYY-MM-DD");
    if (to < from) return fail(400, "BAD_REQUEST", "end_date must not be before start_date");
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (days > MAX_ANALYTICS_DAYS)
      return fail(400, "BAD_REQUEST", `Date range cannot exceed ${MAX_ANALYTICS_DAYS} days`);
    return json(200, campaignAnalyticsByDate(campaign, index.campaignLeads(campaign.id), from, to));
  }

  const harness = createHarness({
    faults: opts.faults,
    tooManyRequests,
    unauthorized,
    serverError: (status) => fail(status, "INTERNAL_SERVER_ERROR", "Internal server error"),
    serve,
  });
  return { ...harness, data, apiKey };
}

function notFound(url: URL): Response {
  return fail(404, "NOT_FOUND", `Cannot GET ${url.pathname}`);
}

/** A non-negative decimal integer, the default when absent or empty, null when malformed. */
function intParam(value: string | null, fallback: number): number | null {
  if (value === null || value === "") return fallback;
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}
