import type { LemlistData } from "./data";
import { CAMPAIGN_STATES } from "./query-campaigns";
import { BadRequest, intParam } from "./query";
import type { LemlistTask } from "./records";

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
