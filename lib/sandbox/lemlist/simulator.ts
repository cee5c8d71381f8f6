import { createHarness, type Simulator, type SimulatorOptions } from "@/lib/sandbox/shared/harness";
import { SlidingLog } from "@/lib/sandbox/shared/rate-limit";
import type { World } from "@/lib/sandbox/shared/world";
import { generateLemlistData, type LemlistData } from "./data";
import { BadRequest, listActivities, parseActivityQuery, parseDateParam } from "./query";
import { campaignStats, listCampaigns, parseCampaignQuery } from "./query-campaigns";
import { listTasks, parseTaskFilters, parseTaskPage } from "./query-tasks";
import type { LemlistActivity, LemlistLeadEntry } from "./records";
import { addSeedExamples } from "./seed-example";
import { patchLemlistTask, TaskNotFound } from "./task-writes";
import { withSingularNames } from "./type-names";

/** The path part of `https://api.lemlist.com/api` (VENDORS.md "lemlist"). */
export const BASE_PATH = "/api";
/** A fake key shaped like lemlist's (32 hex characters). */
export const DEMO_API_KEY = "3f9c2e7a41d84b6c9e05a7d1b2c4f6e8";

/** Seed 000 "Rate Limit": "20 requests per 2 seconds", on all routes, per API key. */
export const LEMLIST_RATE_LIMIT = { limit: 20, windowMs: 2000 } as const;

export interface LemlistSimulatorOptions extends SimulatorOptions<LemlistData> {
  /** More accepted keys, each with a rate-limit budget of its own. */
  extraApiKeys?: string[];
  /** Tests only: another limit than the documented one, or null to switch it off. */
  rateLimit?: { limit: number; windowMs: number } | null;
  /**
   * The v2 campaigns listing's shape is unverified (VENDORS.md): answer it as a bare
   * array, as the legacy route does, to check that a connector accepts both.
   */
  campaignsAsArray?: boolean;
  /** Also serve seed 000's own example rows (October 2025), their campaigns and leads (lib/sandbox/lemlist/seed-example.ts). */
  seedExamples?: boolean;
  /**
   * Seed 000's schema names the types `emailOpened`, `emailClicked`, `emailReplied` while its
   * examples say `emailsOpened`…: serve about half of those rows under the singular name
   * (by id, so a row always comes back the same). On by default; `false` serves plural only.
   */
  singularTypeNames?: boolean;
}

export type LemlistSimulator = Simulator & { data: LemlistData; apiKey: string; limiter: SlidingLog | null };

const TEXT = { "content-type": "text/plain; charset=utf-8" };
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

/** The key from `Authorization: Basic base64(":" + key)` — the login is always empty (seed 000). */
function keyFromAuthorization(header: string | null): string | null {
  const m = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(colon + 1);
}

function leadView(e: LemlistLeadEntry) {
  const v = e.lead.variables;
  return {
    _id: e.lead._id,
    contactId: e.lead.contactId,
    campaignId: e.campaignId,
    campaignName: e.campaignName,
    email: v.email,
    firstName: v.firstName,
    lastName: v.lastName,
    companyName: v.companyName,
    jobTitle: v.jobTitle,
    linkedinUrl: v.linkedinUrl,
    phone: v.phone,
    state: e.lead.state,
    isPaused: e.lead.isPaused,
    source: e.lead.source,
    createdAt: e.createdAt,
    variables: v,
  };
}

export function createLemlistSimulator(world: World, opts: LemlistSimulatorOptions = {}): LemlistSimulator {
  const data = opts.data ?? generateLemlistData(world);
  if (opts.seedExamples) addSeedExamples(data);
  const served = opts.singularTypeNames === false ? (rows: LemlistActivity[]) => rows : withSingularNames;
  const apiKey = opts.apiKey ?? DEMO_API_KEY;
  const keys = new Set([apiKey, ...(opts.extraApiKeys ?? [])]);
  const now = opts.now ?? Date.now;
  const rl = opts.rateLimit === undefined ? LEMLIST_RATE_LIMIT : opts.rateLimit;
  const limiter = rl ? new SlidingLog(rl.limit, rl.windowMs) : null;

  function rateHeaders(remaining: number, resetAt: number): Record<string, string> {
    return {
      "X-RateLimit-Limit": String(rl?.limit ?? LEMLIST_RATE_LIMIT.limit),
      "X-RateLimit-Remaining": String(remaining),
      // Seed 000: "The date when the rate limit will reset", e.g. "Tue Feb 16 2021 09:02:42 GMT+0100 (…)".
      "X-RateLimit-Reset": new Date(resetAt).toString(),
    };
  }

  function tooManyRequests(
    retryAfterSeconds: number,
    remaining = 0,
    resetAt = Date.now() + retryAfterSeconds * 1000,
  ): Response {
    return new Response("Too Many Requests", {
      status: 429,
      headers: { ...TEXT, "Retry-After": String(retryAfterSeconds), ...rateHeaders(remaining, resetAt) },
    });
  }

  // Seed 000 documents a bare 401; lemlist answers it with an empty body.
  const unauthorized = () => new Response("", { status: 401, headers: TEXT });

  async function serve(req: Request, ctx: { url: URL; drift: number }): Promise<Response> {
    const key = keyFromAuthorization(req.headers.get("authorization"));
    if (key === null || !keys.has(key)) return unauthorized();

    let headers: Record<string, string> = {};
    if (limiter) {
      const slot = limiter.take(key);
      if (!slot.ok) return tooManyRequests(Math.ceil(slot.retryAfterMs / 1000), 0, slot.resetAt);
      headers = rateHeaders(slot.remaining, slot.resetAt);
    }
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { ...JSON_TYPE, ...headers } });
    const text = (body: string, status: number) => new Response(body, { status, headers: { ...TEXT, ...headers } });

    const path = ctx.url.pathname.startsWith(BASE_PATH + "/") ? ctx.url.pathname.slice(BASE_PATH.length) : null;
    if (path === null) return text("Not Found", 404);
    if (req.method === "PATCH" && path === "/tasks") {
      try {
        return json(patchLemlistTask(data, await req.json().catch(() => null)));
      } catch (err) {
        if (err instanceof BadRequest) return text(err.message, 400);
        if (err instanceof TaskNotFound) return text(err.message, 404);
        throw err;
      }
    }
    if (req.method !== "GET") return text("Not Found", 404);
    const q = ctx.url.searchParams;
    try {
      if (path === "/team") return json(data.team);

      if (path === "/activities") {
        const query = parseActivityQuery(q);
        if (ctx.drift > 0) data.addDriftItems(ctx.drift, new Date(now()));
        return json(served(listActivities(data, query)));
      }

      if (path === "/tasks") {
        const page = parseTaskPage(q.get("page"));
        const filters = parseTaskFilters(q.get("filters"));
        // Seed 002: `"page": "0"` — the page number comes back as a string.
        return json({ results: listTasks(data, page, filters), page: String(page) });
      }

      if (path === "/campaigns") {
        const cq = parseCampaignQuery(q);
        const { page, total } = listCampaigns(data, cq);
        if (q.get("version") !== "v2" || opts.campaignsAsArray) return json(page);
        const currentPage = Math.floor(cq.offset / cq.limit) + 1;
        const totalPage = Math.ceil(total / cq.limit);
        return json({
          campaigns: page,
          pagination: {
            totalRecords: total,
            currentPage,
            nextPage: currentPage < totalPage ? currentPage + 1 : null,
            totalPage,
          },
        });
      }

      const stats = path.match(/^\/campaigns\/([^/]+)\/stats$/);
      if (stats) {
        const campaign = data.campaignById.get(decodeURIComponent(stats[1]!));
        if (!campaign) return text("Campaign not found", 404);
        const minT = parseDateParam("startDate", q.get("startDate"));
        const maxT = parseDateParam("endDate", q.get("endDate"));
        if (minT !== null && maxT !== null && maxT <= minT)
          throw new BadRequest("endDate must be strictly greater than startDate");
        return json(campaignStats(data, campaign, minT, maxT));
      }

      const lead = path.match(/^\/leads\/([^/]+)$/);
      if (lead) {
        let email: string;
        try {
          email = decodeURIComponent(lead[1]!).trim().toLowerCase();
        } catch {
          throw new BadRequest("Invalid email");
        }
        const entries = data.leadsByEmail.get(email);
        if (!entries?.length) return text("Lead not found", 404);
        // v2 answers one entry per campaign; the legacy route answered the latest lead alone.
        if (q.get("version") === "v2") return json(entries.map(leadView));
        return json(leadView(entries[entries.length - 1]!));
      }
    } catch (err) {
      if (err instanceof BadRequest) return text(err.message, 400);
      throw err;
    }
    return text("Not Found", 404);
  }

  const harness = createHarness({
    faults: opts.faults,
    tooManyRequests: (s) => tooManyRequests(s),
    unauthorized,
    serverError: (status) => new Response("Internal Server Error", { status, headers: TEXT }),
    clientError: (status) =>
      new Response(status === 403 ? "Forbidden" : "Unprocessable Entity", { status, headers: TEXT }),
    serve,
  });
  return { ...harness, data, apiKey, limiter };
}
