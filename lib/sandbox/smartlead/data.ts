import { Rng } from "@/lib/sandbox/shared/prng";
import { peopleOf, shareOf, type Person, type World } from "@/lib/sandbox/shared/world";
import type {
  SmartleadActivity,
  SmartleadCampaign,
  SmartleadCampaignStatus,
  SmartleadData,
  SmartleadLead,
  SmartleadLeadRecord,
  SmartleadSequenceStep,
} from "./records";
import {
  CAMPAIGN_SEGMENTS,
  CAMPAIGN_THEMES,
  CLICK_URLS,
  REPLIES,
  SENDERS,
  renderEmail,
  stepBody,
  stepSubject,
} from "./text";

export type { SmartleadData } from "./records";
export { addSmartleadDriftItems, type DriftRef } from "./drift";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Smartlead times carry whole seconds (`…T10:00:00.000Z` in the seed). */
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

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

/** Reply categories and their weights (Smartlead categorises replies). */
const CATEGORY_WEIGHTS: [string | null, number][] = [
  ["Interested", 0.3],
  ["Meeting Request", 0.12],
  ["Not Interested", 0.28],
  ["Out Of Office", 0.1],
  ["Information Request", 0.08],
  [null, 0.12],
];

interface CampaignPlan {
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

/** Events the connector derives from a lead (sent/open/click/reply per email, plus outcomes): the unit of the activity share. */
export function leadEventCount(lead: SmartleadLead): number {
  let n = 0;
  for (const a of lead.activities)
    n += 1 + (Number(a.open_count) > 0 ? 1 : 0) + (Number(a.click_count) > 0 ? 1 : 0) + (a.reply_details ? 1 : 0);
  if (lead.activities.length > 0)
    n += (lead.status === "BOUNCED" || lead.status === "UNSUBSCRIBED" ? 1 : 0) + (lead.lead_category ? 1 : 0);
  return n;
}

/**
 * Smartlead's account for the world: campaigns with 3–6 step sequences (some steps A/B
 * tested), one lead per (person, campaign) with an account-wide `lead_id` per person, and
 * the emails sent to each with their open/click counts and replies. Leads are enrolled
 * round-robin until the derived events reach the vendor's activity share; when every
 * campaign has enrolled most of the people, another campaign is opened (so the campaign
 * count grows past the share in big worlds rather than leads getting absurdly long).
 */
export function generateSmartleadData(world: World): SmartleadData {
  const rng = world.rng.fork("smartlead");
  const now = world.options.now.getTime();
  const start = now - world.options.days * DAY;
  const people = peopleOf(world, "smartlead");
  const target = shareOf(world, "smartlead", "activities");
  const baseCampaigns = Math.max(1, shareOf(world, "smartlead", "campaigns"));

  const next = {
    statsId: 70_000_000 + rng.int(0, 99_999),
    leadMapId: 2_433_000_000 + rng.int(0, 99_999),
    driftCursor: 0,
  };
  let campaignId = 1_384_000 + rng.int(0, 9_999);
  let seqId = 4_200_000 + rng.int(0, 9_999);
  const userId = rng.int(40_000, 99_999);

  const records: SmartleadLeadRecord[] = people.map((p) =>
    leadRecord(p, 2_990_000_000 + p.index * 100 + rng.int(0, 99)),
  );

  function planCampaign(k: number): CampaignPlan {
    const status = STATUS_CYCLE[k % STATUS_CYCLE.length]!;
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
        id: ++seqId,
        seq_number: s,
        seq_delay_details: { delay_in_days: delay },
        seq_variants: Array.from({ length: nVariants }, (_, v) => ({
          id: ++seqId,
          variant_label: "ABC"[v]!,
          subject: stepSubject(s, first + v),
          email_body: stepBody(s, first + v),
        })),
      });
    }
    const days = world.options.days;
    let launch: number;
    let addTo: number;
    let stopAt = now;
    let updated: number;
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
    addTo = Math.max(launch, addTo);
    const theme = CAMPAIGN_THEMES[k % CAMPAIGN_THEMES.length]!;
    const round = Math.floor(k / CAMPAIGN_THEMES.length);
    const created = launch - rng.int(1, 6) * DAY - rng.int(0, 23) * HOUR;
    campaignId += rng.int(7, 400);
    const campaign: SmartleadCampaign = {
      id: campaignId,
      user_id: userId,
      created_at: iso(created),
      updated_at: iso(Math.max(created, updated)),
      status,
      name: `${theme} — ${rng.pick(CAMPAIGN_SEGMENTS)}${round > 0 ? ` #${round + 1}` : ""}`,
      track_settings: [],
      min_time_btwn_emails: rng.pick([5, 10, 15]),
      max_leads_per_day: rng.pick([50, 100, 200]),
      stop_lead_settings: "REPLY_TO_AN_EMAIL",
      client_id: null,
    };
    const senders = rng.shuffle([...SENDERS]).slice(0, rng.int(1, 3));
    const order = rng.shuffle(people.map((_, i) => i));
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
      stringCounts: k % 3 === 1,
      order,
      pos: 0,
      cap: status === "DRAFTED" ? 0 : Math.max(1, Math.floor(people.length * ENROLMENT_CAP)),
    };
  }

  function enrol(plan: CampaignPlan, person: Person, record: SmartleadLeadRecord): SmartleadLead {
    const created = plan.addFrom + rng.next() * (plan.addTo - plan.addFrom);
    next.leadMapId += rng.int(1, 40);
    const lead: SmartleadLead = {
      lead_id: record.id,
      email_lead_map_id: next.leadMapId,
      campaign_id: plan.campaign.id,
      campaign_name: plan.campaign.name,
      campaign_status: plan.campaign.status,
      status: "STARTED",
      lead_category: null,
      current_seq_num: 0,
      created_at: iso(created),
      activities: [],
    };
    const sender = plan.senders[record.id % plan.senders.length]!;
    let sendAt = created + rng.int(1, 18) * HOUR + rng.int(0, 59) * MINUTE;
    let outcome = false;
    for (let s = 0; s < plan.steps.length && !outcome; s++) {
      const step = plan.steps[s]!;
      if (s > 0) sendAt += step.seq_delay_details.delay_in_days * DAY + rng.int(-180, 180) * MINUTE;
      if (sendAt > plan.stopAt || sendAt > now) break;
      const vi = rng.int(0, step.seq_variants.length - 1);
      const variant = step.seq_variants[vi]!;
      const lift = plan.lift[s]![vi]!;
      const mail = renderEmail(variant.subject, variant.email_body, person, sender.name);
      next.statsId += rng.int(1, 9);

      const bounced = rng.chance(s === 0 ? plan.bounceRate : plan.bounceRate / 5);
      let opens = 0;
      let clicks = 0;
      let replyAt = 0;
      if (!bounced) {
        const openAt = sendAt + rng.int(3, 48 * 60) * MINUTE + (rng.chance(0.12) ? rng.int(2, 9) * DAY : 0);
        if (rng.chance(plan.openRate * lift) && openAt <= now) opens = 1 + Math.floor(-Math.log(1 - rng.next()) * 1.3);
        const stepFactor = s === 0 ? 1.3 : s === plan.steps.length - 1 ? 0.6 : 1;
        const at = sendAt + rng.int(20, 96 * 60) * MINUTE;
        if (rng.chance(plan.replyRate * lift * stepFactor) && at <= now) replyAt = at;
        // Replies are mostly opened first, though a blocked tracking pixel hides some.
        if (replyAt && !opens && rng.chance(0.75)) opens = 1;
        if (opens && rng.chance(plan.clickRate) && openAt + rng.int(0, 120) * MINUTE <= now) clicks = rng.int(1, 3);
      }
      const clickDetails: Record<string, number> = {};
      if (clicks) clickDetails[rng.pick(CLICK_URLS)] = clicks;
      const activity: SmartleadActivity = {
        stats_id: next.statsId,
        message_id: `<sl-${next.statsId.toString(36)}-${lead.email_lead_map_id.toString(36)}@${sender.email.split("@")[1]}>`,
        subject: mail.subject,
        email_body: mail.body,
        sent_time: iso(sendAt),
        from_email: sender.email,
        to_email: person.email,
        email_seq_number: rng.chance(0.25) ? String(s + 1) : s + 1,
        open_count: plan.stringCounts ? String(opens) : opens,
        click_count: plan.stringCounts ? String(clicks) : clicks,
        click_details: clickDetails,
        reply_details: null,
        thread_replies: [],
      };
      if (step.seq_variants.length > 1) {
        activity.seq_variant_id = variant.id;
        activity.variant_label = variant.variant_label;
      }
      lead.activities.push(activity);
      lead.current_seq_num = s + 1;

      if (bounced) {
        lead.status = "BOUNCED";
        outcome = true;
      } else if (replyAt) {
        const category = weighted(rng, CATEGORY_WEIGHTS);
        activity.reply_details = {
          time: iso(replyAt),
          reply_email_body: rng.pick(REPLIES[category ?? "none"]!),
          message_id: `<CA${next.statsId.toString(36)}r${rng.id(10)}@mail.${person.companyDomain}>`,
        };
        lead.lead_category = category;
        // The campaign stops the lead on a reply (stop_lead_settings); some ask to be removed.
        lead.status = category === "Not Interested" && rng.chance(0.3) ? "UNSUBSCRIBED" : "COMPLETED";
        outcome = true;
      } else if (rng.chance(plan.unsubRate)) {
        lead.status = "UNSUBSCRIBED";
        outcome = true;
      }
    }
    if (!outcome) lead.status = restingStatus(lead, plan.steps.length, plan.campaign.status);
    return lead;
  }

  const plans: CampaignPlan[] = [];
  for (let k = 0; k < baseCampaigns; k++) plans.push(planCampaign(k));
  const leads: SmartleadLead[] = [];
  let events = 0;
  let rr = 0;
  const maxLeads = target * 2 + 100;
  while (events < target && people.length > 0 && leads.length < maxLeads) {
    let plan: CampaignPlan | null = null;
    for (let tries = 0; tries < plans.length && !plan; tries++) {
      const p = plans[(rr + tries) % plans.length]!;
      if (p.pos < p.cap) {
        plan = p;
        rr = (rr + tries + 1) % plans.length;
      }
    }
    if (!plan) {
      if (plans.length >= 10_000) break;
      plans.push(planCampaign(plans.length));
      continue;
    }
    const i = plan.order[plan.pos++]!;
    const lead = enrol(plan, people[i]!, records[i]!);
    events += leadEventCount(lead);
    leads.push(lead);
  }

  const firstSeen = new Map<number, string>();
  const unsubscribed = new Set<number>();
  for (const l of leads) {
    const seen = firstSeen.get(l.lead_id);
    if (!seen || l.created_at < seen) firstSeen.set(l.lead_id, l.created_at);
    if (l.status === "UNSUBSCRIBED") unsubscribed.add(l.lead_id);
  }
  for (const r of records) r.is_unsubscribed = unsubscribed.has(r.id);
  for (const r of records) r.created_at = firstSeen.get(r.id) ?? iso(now - rng.int(1, 30) * DAY);

  return {
    campaigns: plans.map((p) => p.campaign),
    sequences: Object.fromEntries(plans.map((p) => [String(p.campaign.id), p.steps])),
    leadRecords: records,
    leads,
    next,
  };
}

function leadRecord(p: Person, id: number): SmartleadLeadRecord {
  return {
    id,
    first_name: p.firstName,
    last_name: p.lastName,
    email: p.email,
    phone_number: p.phone,
    company_name: p.company,
    website: p.companyDomain,
    location: p.timezone,
    custom_fields: { Title: p.jobTitle },
    linkedin_profile: p.linkedinUrl,
    company_url: `https://${p.companyDomain}`,
    is_unsubscribed: false,
    created_at: "",
  };
}

function weighted<T>(rng: Rng, items: [T, number][]): T {
  let r = rng.next();
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1]![0];
}

/** The status of a lead with no outcome (no bounce, reply or unsubscribe). */
function restingStatus(lead: SmartleadLead, steps: number, campaign: SmartleadCampaignStatus): SmartleadLead["status"] {
  if (lead.current_seq_num >= steps) return "COMPLETED";
  if (campaign === "PAUSED" || campaign === "STOPPED") return campaign;
  return lead.current_seq_num === 0 ? "STARTED" : "INPROGRESS";
}
