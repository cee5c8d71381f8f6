import type { Rng } from "@/lib/sandbox/shared/prng";
import { isoOf, type LeadlexActivity, type LeadlexCampaign, type LeadlexCampaignCounts } from "./records";
import type { LeadlexContact, LeadlexTask } from "./records";
import * as T from "./text";

/** The generated account's shared parts: what every record kind's generator reads and writes. */

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Share of rows written with the other timestamp spelling (`created_at` for `created_date`, …). */
export const ALT_SPELLING = 0.08;

export interface Deal {
  id: string;
  name: string;
  stage: number;
}

/** The generated account, indexed the way the simulator serves it. Mutated only by the drift helpers. */
export interface LeadlexData {
  now: Date;
  users: string[];
  /** The user id Leadlex writes on machine-made rows (AI actions, list automations). */
  systemUserId: string;
  /** In creation order. */
  contacts: LeadlexContact[];
  contactIndex: Map<string, number>;
  activities: LeadlexActivity[];
  /** Creation time of `activities[i]` in ms. */
  activityMs: number[];
  /** Activity indices per contact, newest first (ties by id, descending). */
  byContact: Map<string, number[]>;
  /** Newest first. */
  tasks: LeadlexTask[];
  taskMs: number[];
  campaigns: LeadlexCampaign[];
  campaignCounts: Map<string, LeadlexCampaignCounts>;
  deals: Map<string, Deal>;
  activityIds: Set<string>;
  /** Draws for drift items, separate from the generation draws. */
  drift: Rng;
  driftSerial: number;
  /** Bumped by every mutation, so the simulator's sorted views know when to rebuild. */
  version: number;
}

export interface Ctx {
  rng: Rng;
  data: LeadlexData;
  nameOf: Map<string, { first: string; full: string; company: string; email: string | null }>;
}

const hex8 = (rng: Rng) =>
  Math.floor(rng.next() * 2 ** 32)
    .toString(16)
    .padStart(8, "0");

export function newActivityId(rng: Rng, ids: Set<string>): string {
  for (;;) {
    const id = `act_${hex8(rng)}`;
    if (!ids.has(id)) {
      ids.add(id);
      return id;
    }
  }
}

export function gaussian(rng: Rng): number {
  const u = Math.max(1e-12, rng.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export const secs = (ms: number) => Math.floor(ms / 1000) * 1000;

export function newDeal(rng: Rng, p: { company: string }): Deal {
  return { id: rng.uuid(), name: `${p.company} — ${rng.pick(T.DEAL_PRODUCTS)}`, stage: rng.int(0, 3) };
}

/** Appends an activity created at `ms` (in either timestamp spelling) to the account and its contact's list. */
export function pushActivity(
  data: LeadlexData,
  row: Omit<LeadlexActivity, "created_date" | "created_at">,
  ms: number,
  alt: boolean,
): LeadlexActivity {
  const a = row as LeadlexActivity;
  if (alt) a.created_at = isoOf(ms);
  else a.created_date = isoOf(ms);
  const i = data.activities.length;
  data.activities.push(a);
  data.activityMs.push(ms);
  let list = data.byContact.get(a.contact_id);
  if (!list) data.byContact.set(a.contact_id, (list = []));
  list.push(i);
  return a;
}

export function sortNewestFirst(data: LeadlexData, list: number[]): void {
  list.sort(
    (x, y) => data.activityMs[y]! - data.activityMs[x]! || (data.activities[y]!.id < data.activities[x]!.id ? -1 : 1),
  );
}

/** Moves the account's last activity (just pushed) to its place in the contact's newest-first list. */
export function placeLastActivity(data: LeadlexData, contactId: string): void {
  const list = data.byContact.get(contactId)!;
  const idx = list.pop()!;
  const ms = data.activityMs[idx]!;
  const id = data.activities[idx]!.id;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid]!;
    const mms = data.activityMs[m]!;
    if (mms > ms || (mms === ms && data.activities[m]!.id > id)) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, idx);
}
