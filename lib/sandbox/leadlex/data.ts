import { peopleOf, shareOf, type World } from "@/lib/sandbox/shared/world";
import { generateCrmActivities } from "./activities";
import { generateCampaigns } from "./campaigns";
import { buildContacts } from "./contacts";
import { DAY, newDeal, secs, sortNewestFirst, type Ctx, type LeadlexData } from "./context";
import { generateTasks } from "./tasks";

export * from "./records";
export type { LeadlexData } from "./context";
export { addLeadlexDriftContacts, addLeadlexDriftItems, addLeadlexDriftTasks, addLeadlexEmail } from "./drift";
export { addSeedExample, SEED_003_ACTIVITY, SEED_003_CAMPAIGN, SEED_003_CONTACT } from "./seed-example";

/** Share of the activity volume that comes from campaign sequences; the rest is CRM work. */
const CAMPAIGN_SHARE = 0.45;

/** Deterministic Leadlex account for `world`: contacts, their activities, tasks and campaigns. */
export function generateLeadlexData(world: World): LeadlexData {
  const rng = world.rng.fork("leadlex");
  const now = world.options.now;
  const nowMs = secs(now.getTime());
  const startMs = nowMs - world.options.days * DAY;
  const people = peopleOf(world, "leadlex");

  const users = Array.from({ length: 5 }, () => rng.uuid());
  const data: LeadlexData = {
    now,
    users,
    systemUserId: rng.uuid(),
    contacts: [],
    contactIndex: new Map(),
    activities: [],
    activityMs: [],
    byContact: new Map(),
    tasks: [],
    taskMs: [],
    campaigns: [],
    campaignCounts: new Map(),
    deals: new Map(),
    activityIds: new Set(),
    drift: world.rng.fork("leadlex-drift"),
    driftSerial: 0,
    version: 0,
  };
  const ctx: Ctx = { rng, data, nameOf: new Map() };

  // Contacts first (ids are needed by everything else); times are filled in at the end.
  const contactIds: string[] = [];
  for (const p of people) {
    const id = rng.uuid();
    contactIds.push(id);
    ctx.nameOf.set(id, {
      first: p.firstName,
      full: `${p.firstName} ${p.lastName}`,
      company: p.company,
      email: p.email,
    });
    if (rng.chance(0.4)) data.deals.set(id, newDeal(rng, p));
  }

  const target = shareOf(world, "leadlex", "activities");
  if (contactIds.length > 0 && target > 0) {
    const campaignRows = generateCampaigns(
      ctx,
      contactIds,
      shareOf(world, "leadlex", "campaigns"),
      Math.round(target * CAMPAIGN_SHARE),
      startMs,
      nowMs,
    );
    generateCrmActivities(ctx, contactIds, Math.max(0, target - campaignRows), startMs, nowMs);
  } else {
    generateCampaigns(ctx, contactIds, shareOf(world, "leadlex", "campaigns"), 0, startMs, nowMs);
  }
  generateTasks(ctx, contactIds, shareOf(world, "leadlex", "tasks"), nowMs);

  for (const list of data.byContact.values()) sortNewestFirst(data, list);
  buildContacts(ctx, people, contactIds, startMs, nowMs);
  return data;
}
