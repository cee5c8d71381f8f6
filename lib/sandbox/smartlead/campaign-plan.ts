import type { Rng } from "@/lib/sandbox/shared/prng";
import type { Person } from "@/lib/sandbox/shared/world";
import type {
  SmartleadCampaign,
  SmartleadCampaignStatus,
  SmartleadData,
  SmartleadLateEvent,
  SmartleadSequenceStep,
} from "./records";
import { CAMPAIGN_SEGMENTS, CAMPAIGN_THEMES, SENDERS, stepBody, stepSubject } from "./text";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Smartlead times carry whole seconds (`…T10:00:00.000Z` in the seed). */
export const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** Statuses in creation order; a drafted campaign has no leads yet. */
const STATUS_CYCLE: SmartleadCampaignStatus[] = [
  "ACTIVE",
  "COMPLETED",
  "ACTIVE",
  "PAUSED",
  "STOPPED",
  "ACTIVE",
  "DRAFTED",
  "COMPLETED",
];

/** Share of a campaign's possible people it enrols before another campaign is opened. */
const ENROLMENT_CAP = 0.85;

/** What the generator's steps share: the clock, the people, the id counters, the late events. */
export interface GenContext {
  rng: Rng;
  now: number;
  /** now − the world's days: where the current campaigns start. */
  start: number;
  days: number;
  people: Person[];
  next: SmartleadData["next"];
  ids: { campaignId: number; seqId: number; userId: number };
  late: SmartleadLateEvent[];
}

export interface CampaignPlan {
  campaign: SmartleadCampaign;
  steps: SmartleadSequenceStep[];
  senders: { email: string; name: string }[];
  addFrom: number;
  addTo: number;
  stopAt: number;
  openRate: number;
  clickRate: number;
  replyRate: number;
  bounceRate: number;
  unsubRate: number;
  /** Per step and variant, a factor on the open and reply rates (what an A/B test measures). */
  lift: number[][];
  /** Older campaigns answer their counts as strings (Smartlead does both). */
  stringCounts: boolean;
  order: number[];
  pos: number;
  cap: number;
}

/**
 * A campaign of the account's past, before the world's `days`: completed more than a year
 * ago (so a full-history import has something older than a year to find). `ageDays` is how
 * long ago it was launched.
 */
export interface ArchiveSpec {
  ageDays: number;
  enrolDays: number;
}

/** Campaign k of the account (k counts the current campaigns; archive ones have their own k). */
export function planCampaign(g: GenContext, k: number, archive?: ArchiveSpec): CampaignPlan {
  const { rng, now, start } = g;
  const status: SmartleadCampaignStatus = archive ? "COMPLETED" : STATUS_CYCLE[k % STATUS_CYCLE.length]!;
  const steps: SmartleadSequenceStep[] = [];
  const nSteps = rng.int(3, 6);
  let seqSpan = 2 * DAY;
  for (let s = 1; s <= nSteps; s++) {
    const delay = s === 1 ? 0 : rng.int(2, 5);
    seqSpan += delay * DAY;
    const r = rng.next();
    const nVariants = r < 0.08 ? 3 : r < 0.43 ? 2 : 1;
    const first = rng.int(0, 5);
    steps.push({
      id: ++g.ids.seqId,
      seq_number: s,
      seq_delay_details: { delay_in_days: delay },
      seq_variants: Array.from({ length: nVariants }, (_, v) => ({
        id: ++g.ids.seqId,
        variant_label: "ABC"[v]!,
        subject: stepSubject(s, first + v),
        email_body: stepBody(s, first + v),
      })),
    });
  }
  const days = g.days;
  let launch: number;
  let addTo: number;
  let stopAt = now;
  let updated: number;
  if (archive) {
    launch = now - archive.ageDays * DAY;
    addTo = launch + archive.enrolDays * DAY;
    updated = addTo + seqSpan;
  } else {
    switch (status) {
      case "COMPLETED":
        launch = start + rng.next() * 0.3 * days * DAY;
        addTo = Math.min(launch + (0.2 + 0.2 * rng.next()) * days * DAY, now - seqSpan - DAY);
        updated = Math.min(now, Math.max(launch, addTo) + seqSpan);
        break;
      case "PAUSED":
      case "STOPPED":
        launch = start + rng.next() * 0.4 * days * DAY;
        stopAt = Math.min(launch + (0.3 + 0.25 * rng.next()) * days * DAY, now - DAY);
        addTo = stopAt - DAY;
        updated = stopAt;
        break;
      case "DRAFTED":
        launch = now - rng.int(1, 10) * DAY;
        addTo = launch;
        updated = launch + rng.int(1, 20) * HOUR;
        break;
      default:
        launch = start + rng.next() * 0.5 * days * DAY;
        addTo = now - 6 * HOUR;
        updated = now - rng.int(1, 48) * HOUR;
    }
  }
  addTo = Math.max(launch, addTo);
  const theme = CAMPAIGN_THEMES[(archive ? k + 3 : k) % CAMPAIGN_THEMES.length]!;
  const round = Math.floor(k / CAMPAIGN_THEMES.length);
  const created = launch - rng.int(1, 6) * DAY - rng.int(0, 23) * HOUR;
  g.ids.campaignId += rng.int(7, 400);
  const segment = rng.pick(CAMPAIGN_SEGMENTS);
  const campaign: SmartleadCampaign = {
    id: g.ids.campaignId,
    user_id: g.ids.userId,
    created_at: iso(created),
    updated_at: iso(Math.max(created, updated)),
    status,
    name: archive
      ? `${theme} — ${segment} ${new Date(launch).getUTCFullYear()}`
      : `${theme} — ${segment}${round > 0 ? ` #${round + 1}` : ""}`,
    track_settings: [],
    min_time_btwn_emails: rng.pick([5, 10, 15]),
    max_leads_per_day: rng.pick([50, 100, 200]),
    stop_lead_settings: "REPLY_TO_AN_EMAIL",
    client_id: null,
  };
  const senders = rng.shuffle([...SENDERS]).slice(0, rng.int(1, 3));
  const order = rng.shuffle(g.people.map((_, i) => i));
  return {
    campaign,
    steps,
    senders,
    addFrom: launch,
    addTo,
    stopAt,
    openRate: 0.35 + rng.next() * 0.3,
    clickRate: 0.08 + rng.next() * 0.17,
    replyRate: 0.03 + rng.next() * 0.05,
    bounceRate: 0.015 + rng.next() * 0.03,
    unsubRate: 0.003 + rng.next() * 0.007,
    lift: steps.map((st) => st.seq_variants.map((_, v) => (v === 0 ? 1 : 0.75 + rng.next() * 0.55))),
    stringCounts: archive ? true : k % 3 === 1,
    order,
    pos: 0,
    cap: status === "DRAFTED" ? 0 : Math.max(1, Math.floor(g.people.length * ENROLMENT_CAP)),
  };
}
