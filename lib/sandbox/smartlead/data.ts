import { peopleOf, shareOf, type Person, type World } from "@/lib/sandbox/shared/world";
import { DAY, iso, planCampaign, type CampaignPlan, type GenContext } from "./campaign-plan";
import { enrol } from "./enrol";
import type { SmartleadData, SmartleadLead, SmartleadLeadRecord } from "./records";

export type { SmartleadData } from "./records";
export { addSmartleadDriftItems, type DriftRef } from "./drift";

/**
 * Share of the activities that lie in the account's past, more than a year back: campaigns
 * completed long ago, so that reading "everything" finds them. Small, so that the demo's
 * first sync stays quick.
 */
const ARCHIVE_SHARE = 0.05;

/** Events the connector derives from a lead (sent/open/click/reply per email, plus outcomes): the unit of the activity share. */
export function leadEventCount(lead: SmartleadLead): number {
  let n = 0;
  for (const a of lead.activities)
    n +=
      1 +
      (Number(a.open_count) > 0 ? 1 : 0) +
      (Number(a.click_count) > 0 ? 1 : 0) +
      (a.reply_details ? 1 : 0) +
      a.thread_replies.length;
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
 *
 * A few campaigns lie 13–23 months back (ARCHIVE_SHARE of the events, the same people),
 * and engagement after the world's now waits in `late` for the simulator's clock.
 */
export function generateSmartleadData(world: World): SmartleadData {
  const rng = world.rng.fork("smartlead");
  const now = world.options.now.getTime();
  const people = peopleOf(world, "smartlead");
  const target = shareOf(world, "smartlead", "activities");
  const baseCampaigns = Math.max(1, shareOf(world, "smartlead", "campaigns"));

  const g: GenContext = {
    rng,
    now,
    start: now - world.options.days * DAY,
    days: world.options.days,
    people,
    next: {
      statsId: 70_000_000 + rng.int(0, 99_999),
      leadMapId: 2_433_000_000 + rng.int(0, 99_999),
      driftCursor: 0,
      lateCursor: 0,
    },
    ids: {
      campaignId: 1_384_000 + rng.int(0, 9_999),
      seqId: 4_200_000 + rng.int(0, 9_999),
      userId: rng.int(40_000, 99_999),
    },
    late: [],
  };
  const records: SmartleadLeadRecord[] = people.map((p) =>
    leadRecord(p, 2_990_000_000 + p.index * 100 + rng.int(0, 99)),
  );
  const leads: SmartleadLead[] = [];
  let events = 0;

  /** Enrols round-robin over `plans` until `goal` events; opens a new campaign when all are full (if `grow`). */
  function fill(plans: CampaignPlan[], goal: number, grow: ((k: number) => CampaignPlan) | null): void {
    let rr = 0;
    const maxLeads = leads.length + goal * 2 + 100;
    while (events < goal && people.length > 0 && leads.length < maxLeads) {
      let plan: CampaignPlan | null = null;
      for (let tries = 0; tries < plans.length && !plan; tries++) {
        const p = plans[(rr + tries) % plans.length]!;
        if (p.pos < p.cap) {
          plan = p;
          rr = (rr + tries + 1) % plans.length;
        }
      }
      if (!plan) {
        if (!grow || plans.length >= 10_000) break;
        plans.push(grow(plans.length));
        continue;
      }
      const i = plan.order[plan.pos++]!;
      const lead = enrol(g, plan, people[i]!, records[i]!, leads.length);
      events += leadEventCount(lead);
      leads.push(lead);
    }
  }

  // The past first, so that its campaigns get the lower ids.
  const archive: CampaignPlan[] = [];
  for (let k = 0; k < Math.max(1, Math.round(baseCampaigns / 4)); k++)
    archive.push(planCampaign(g, k, { ageDays: rng.int(500, 700), enrolDays: rng.int(30, 90) }));
  fill(archive, Math.round(target * ARCHIVE_SHARE), null);

  const plans: CampaignPlan[] = [];
  for (let k = 0; k < baseCampaigns; k++) plans.push(planCampaign(g, k));
  fill(plans, target, (k) => planCampaign(g, k));

  const firstSeen = new Map<number, string>();
  const unsubscribed = new Set<number>();
  for (const l of leads) {
    const seen = firstSeen.get(l.lead_id);
    if (!seen || l.created_at < seen) firstSeen.set(l.lead_id, l.created_at);
    if (l.status === "UNSUBSCRIBED") unsubscribed.add(l.lead_id);
  }
  for (const r of records) r.is_unsubscribed = unsubscribed.has(r.id);
  for (const r of records) r.created_at = firstSeen.get(r.id) ?? iso(now - rng.int(1, 30) * DAY);

  const all = [...archive, ...plans];
  return {
    campaigns: all.map((p) => p.campaign),
    sequences: Object.fromEntries(all.map((p) => [String(p.campaign.id), p.steps])),
    leadRecords: records,
    leads,
    late: g.late.sort((a, b) => a.at.localeCompare(b.at)),
    next: g.next,
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
