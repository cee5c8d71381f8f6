import { pluralType } from "./type-names";
import { lowerBound, upperBound, type LemlistData } from "./data";
import type { LemlistActivity } from "./records";

/** A request the simulator refuses with a text/plain 400 body, as lemlist does (`400 Bad team`). */
export class BadRequest extends Error {}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Seed 000: dates are "either a Unix timestamp in seconds (e.g. `1715385600`) or an
 * ISO 8601 datetime". A datetime without an offset is read as UTC.
 */
export function parseDateParam(name: string, value: string | null): number | null {
  if (value === null || value === "") return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!ISO_8601.test(value))
    throw new BadRequest(`Invalid ${name}: expected a Unix timestamp in seconds or an ISO 8601 date`);
  const v = value.replace(" ", "T");
  const local = v.includes("T") && !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(v);
  const t = Date.parse(local ? `${v}Z` : v);
  if (!Number.isFinite(t)) throw new BadRequest(`Invalid ${name}`);
  return t;
}

export function intParam(name: string, value: string | null, dflt: number, min: number, max: number): number {
  if (value === null || value === "") return dflt;
  if (!/^\d+$/.test(value)) throw new BadRequest(`Invalid ${name}`);
  const n = Number(value);
  if (n < min) throw new BadRequest(`Invalid ${name}`);
  if (n > max) throw new BadRequest(`${name} must be at most ${max}`);
  return n;
}

export interface ActivityQuery {
  type: string | null;
  campaignId: string | null;
  leadId: string | null;
  isFirst: boolean | null;
  minT: number | null;
  maxT: number | null;
  offset: number;
  limit: number;
}

/** `GET /activities` parameters, validated as seed 000 documents them. */
export function parseActivityQuery(q: URLSearchParams): ActivityQuery {
  if (q.get("version") !== "v2") throw new BadRequest("API version v2 is mandatory: add version=v2");
  // Seed 000: "`minDate` takes precedence when both are provided" (same for maxDate/endDate).
  const minT = parseDateParam("minDate", q.get("minDate") ?? q.get("startDate"));
  const maxT = parseDateParam("maxDate", q.get("maxDate") ?? q.get("endDate"));
  if (minT !== null && maxT !== null && maxT <= minT)
    throw new BadRequest("maxDate must be strictly greater than minDate");
  const isFirstRaw = q.get("isFirst");
  if (isFirstRaw !== null && isFirstRaw !== "true" && isFirstRaw !== "false") throw new BadRequest("Invalid isFirst");
  return {
    // Either name of a type filters the same rows (the data keeps the plural).
    type: q.get("type") ? pluralType(q.get("type")!) : null,
    campaignId: q.get("campaignId") || null,
    leadId: q.get("leadId") || null,
    isFirst: isFirstRaw === null ? null : isFirstRaw === "true",
    minT,
    maxT,
    offset: intParam("offset", q.get("offset"), 0, 0, Number.MAX_SAFE_INTEGER),
    // Seed 000: "Default: 100. Maximum: 100" — a larger limit is refused, not clamped.
    limit: intParam("limit", q.get("limit"), 100, 1, 100),
  };
}

/** One page of activities, newest first, from the narrowest index that covers the query. */
export function listActivities(data: LemlistData, q: ActivityQuery): LemlistActivity[] {
  const base = q.leadId
    ? (data.byLead.get(q.leadId) ?? [])
    : q.campaignId
      ? (data.byCampaign.get(q.campaignId) ?? [])
      : data.activities;
  const lo = q.minT === null ? 0 : lowerBound(base, q.minT);
  const hi = q.maxT === null ? base.length : upperBound(base, q.maxT);
  const out: LemlistActivity[] = [];
  const filtered = q.type !== null || q.isFirst !== null || (q.leadId !== null && q.campaignId !== null);
  if (!filtered) {
    for (let i = hi - 1 - q.offset; i >= lo && out.length < q.limit; i--) out.push(base[i]!);
    return out;
  }
  let skip = q.offset;
  for (let i = hi - 1; i >= lo && out.length < q.limit; i--) {
    const a = base[i]!;
    if (q.type !== null && a.type !== q.type) continue;
    if (q.campaignId !== null && a.campaignId !== q.campaignId) continue;
    if (q.isFirst !== null && (a.isFirst === true) !== q.isFirst) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    out.push(a);
  }
  return out;
}
