import { pluralType } from "./type-names";
import { lowerBound, upperBound, type LemlistData } from "./data";
import type { LemlistActivity, LemlistCampaign, LemlistTask } from "./records";

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

function intParam(name: string, value: string | null, dflt: number, min: number, max: number): number {
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

// --- Tasks (seed 002) ---------------------------------------------------------------

export const TASK_PAGE_SIZE = 50;
export const TASK_TYPES = [
  "manual",
  "phone",
  "linkedinInvite",
  "linkedinSend",
  "linkedinVoiceNote",
  "emailsReplied",
  "opportunityReplied",
  "linkedinReplied",
  "opportunityClicked",
  "email",
  "whatsappMessage",
] as const;
export const CAMPAIGN_STATES = ["draft", "running", "ended", "paused", "errors", "archived"] as const;

type TaskPredicate = (t: LemlistTask, data: LemlistData) => boolean;

function stringList(f: Record<string, unknown>, key: "in" | "out", allowed?: readonly string[]): string[] | null {
  const v = f[key];
  if (v === undefined) return null;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
    throw new BadRequest(`Invalid filter ${String(f.filterId)}: ${key} must be an array of strings`);
  if (allowed)
    for (const x of v)
      if (!allowed.includes(x)) throw new BadRequest(`Invalid filter ${String(f.filterId)}: unknown value ${x}`);
  return v;
}

function inOut(
  f: Record<string, unknown>,
  get: (t: LemlistTask, data: LemlistData) => string | undefined,
  allowed?: readonly string[],
): TaskPredicate {
  const inc = stringList(f, "in", allowed);
  const exc = stringList(f, "out", allowed);
  if (!inc && !exc) throw new BadRequest(`Invalid filter ${String(f.filterId)}: give in and/or out`);
  return (t, data) => {
    const v = get(t, data);
    if (inc && (v === undefined || !inc.includes(v))) return false;
    if (exc && v !== undefined && exc.includes(v)) return false;
    return true;
  };
}

function leadField(
  field: "fullName" | "email" | "phone" | "linkedin",
): (t: LemlistTask, data: LemlistData) => string | undefined {
  return (t, data) => {
    const v = t.leadId ? data.leadById.get(t.leadId)?.lead.variables : undefined;
    if (!v) return undefined;
    if (field === "fullName") return `${v.firstName} ${v.lastName}`;
    if (field === "email") return v.email;
    if (field === "phone") return v.phone;
    return v.linkedinUrl;
  };
}

function valueOrRegex(
  f: Record<string, unknown>,
  get: (t: LemlistTask, data: LemlistData) => string | undefined,
): TaskPredicate {
  if (typeof f.value === "string") {
    const want = f.value.trim().toLowerCase();
    return (t, data) => get(t, data)?.trim().toLowerCase() === want;
  }
  if (typeof f.regex === "string") {
    let re: RegExp;
    try {
      re = new RegExp(f.regex, "i");
    } catch {
      throw new BadRequest(`Invalid filter ${String(f.filterId)}: bad regex`);
    }
    return (t, data) => {
      const v = get(t, data);
      return v !== undefined && re.test(v);
    };
  }
  throw new BadRequest(`Invalid filter ${String(f.filterId)}: give value or regex`);
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Seed 002's filters, each a predicate; an unknown or malformed filter is a 400. */
export function parseTaskFilters(raw: string | null): TaskPredicate[] {
  if (raw === null || raw === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadRequest("Invalid filters: not JSON");
  }
  if (!Array.isArray(parsed)) throw new BadRequest("Invalid filters: expected a JSON array");
  return parsed.map((f: unknown): TaskPredicate => {
    if (!f || typeof f !== "object") throw new BadRequest("Invalid filters: each filter is an object");
    const o = f as Record<string, unknown>;
    switch (o.filterId) {
      case "fullName":
      case "email":
      case "phone":
      case "linkedin":
        return valueOrRegex(o, leadField(o.filterId));
      case "campaignId":
        return inOut(o, (t) => t.campaignId);
      case "campaignState":
        return inOut(
          o,
          (t, data) => (t.campaignId ? data.campaignById.get(t.campaignId)?.status : undefined),
          CAMPAIGN_STATES,
        );
      case "type":
        return inOut(o, (t) => t.type, TASK_TYPES);
      case "assignedTo":
        return inOut(o, (t) => t.userId);
      case "dueDate": {
        const from = o.from;
        const to = o.to;
        if (from === undefined && to === undefined) throw new BadRequest("Invalid filter dueDate: give from and/or to");
        for (const d of [from, to])
          if (d !== undefined && (typeof d !== "string" || !DAY_RE.test(d)))
            throw new BadRequest("Invalid filter dueDate: dates are YYYY-MM-DD");
        return (t) => {
          if (!t.dueDate) return false;
          const day = t.dueDate.slice(0, 10);
          return (from === undefined || day >= (from as string)) && (to === undefined || day <= (to as string));
        };
      }
      default:
        throw new BadRequest(`Invalid filters: unknown filterId ${String(o.filterId)}`);
    }
  });
}

/** Open tasks (done ones never appear, seed 002), by due date then id, in pages of TASK_PAGE_SIZE. */
export function listTasks(data: LemlistData, page: number, filters: TaskPredicate[]): LemlistTask[] {
  const open = data.tasks.filter((t) => !data.doneTaskIds.has(t._id) && filters.every((f) => f(t, data)));
  open.sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a._id.localeCompare(b._id));
  return open.slice(page * TASK_PAGE_SIZE, (page + 1) * TASK_PAGE_SIZE);
}

export function parseTaskPage(value: string | null): number {
  return intParam("page", value, 0, 0, 1_000_000);
}

// --- Campaigns ------------------------------------------------------------------------

export function parseCampaignQuery(q: URLSearchParams): { offset: number; limit: number; status: string | null } {
  const status = q.get("status");
  if (status !== null && !(CAMPAIGN_STATES as readonly string[]).includes(status))
    throw new BadRequest("Invalid status");
  return {
    offset: intParam("offset", q.get("offset"), 0, 0, Number.MAX_SAFE_INTEGER),
    limit: intParam("limit", q.get("limit"), 100, 1, 100),
    status,
  };
}

export function listCampaigns(
  data: LemlistData,
  q: { offset: number; limit: number; status: string | null },
): { page: LemlistCampaign[]; total: number } {
  const all = data.campaigns.filter((c) => q.status === null || c.status === q.status);
  return { page: all.slice(q.offset, q.offset + q.limit), total: all.length };
}

/**
 * Campaign stats over [startDate, endDate] computed from the activity log, so they agree
 * with what `/activities` serves. opened/clicked/replied count distinct (lead, step)
 * without bot events; `replyRate` is lemlist's dashboard definition, replied / opened.
 */
export function campaignStats(data: LemlistData, campaign: LemlistCampaign, minT: number | null, maxT: number | null) {
  const list = data.byCampaign.get(campaign._id) ?? [];
  const lo = minT === null ? 0 : lowerBound(list, minT);
  const hi = maxT === null ? list.length : upperBound(list, maxT);
  const c = { sent: 0, bounced: 0, unsubscribed: 0, interested: 0, notInterested: 0, failed: 0 };
  const opened = new Set<string>();
  const clicked = new Set<string>();
  const replied = new Set<string>();
  const leadsReached = new Set<string>();
  const steps = new Map<
    number,
    {
      sequenceStep: number;
      sentCount: number;
      openedCount: number;
      clickedCount: number;
      repliedCount: number;
      bouncedCount: number;
    }
  >();
  const stepOf = (a: LemlistActivity) => {
    const n = a.sequenceStep ?? -1;
    let s = steps.get(n);
    if (!s)
      steps.set(
        n,
        (s = { sequenceStep: n, sentCount: 0, openedCount: 0, clickedCount: 0, repliedCount: 0, bouncedCount: 0 }),
      );
    return s;
  };
  for (let i = lo; i < hi; i++) {
    const a = list[i]!;
    const key = `${a.leadId}:${a.sequenceStep}`;
    switch (a.type) {
      case "emailsSent":
        c.sent++;
        stepOf(a).sentCount++;
        if (a.leadId) leadsReached.add(a.leadId);
        break;
      case "emailsBounced":
        c.bounced++;
        stepOf(a).bouncedCount++;
        break;
      case "emailsOpened":
        if (!a.bot && !opened.has(key)) {
          opened.add(key);
          stepOf(a).openedCount++;
        }
        break;
      case "emailsClicked":
        if (!a.bot && !clicked.has(key)) {
          clicked.add(key);
          stepOf(a).clickedCount++;
        }
        break;
      case "emailsReplied":
        if (!replied.has(key)) {
          replied.add(key);
          stepOf(a).repliedCount++;
        }
        break;
      case "emailsUnsubscribed":
        c.unsubscribed++;
        break;
      case "emailsInterested":
      case "linkedinInterested":
      case "manualInterested":
        c.interested++;
        break;
      case "emailsNotInterested":
      case "linkedinNotInterested":
      case "manualNotInterested":
        c.notInterested++;
        break;
      case "emailsFailed":
      case "emailsSendFailed":
        c.failed++;
        break;
    }
  }
  const leadTotal = data.leads.filter((l) => l.campaignId === campaign._id).length;
  return {
    campaignId: campaign._id,
    campaignName: campaign.name,
    leadTotal,
    leadsReached: leadsReached.size,
    sentCount: c.sent,
    deliveredCount: c.sent - c.bounced,
    openedCount: opened.size,
    clickedCount: clicked.size,
    repliedCount: replied.size,
    bouncedCount: c.bounced,
    unsubscribedCount: c.unsubscribed,
    interestedCount: c.interested,
    notInterestedCount: c.notInterested,
    failedCount: c.failed,
    replyRate: opened.size ? Math.round((replied.size / opened.size) * 10_000) / 10_000 : 0,
    steps: [...steps.values()].filter((s) => s.sequenceStep >= 0).sort((a, b) => a.sequenceStep - b.sequenceStep),
  };
}
