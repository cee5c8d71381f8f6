import type { Rng } from "@/lib/sandbox/shared/prng";
import { peopleOf, shareOf, type World } from "@/lib/sandbox/shared/world";
import type {
  LemlistActivity,
  LemlistCampaign,
  LemlistLeadEntry,
  LemlistTask,
  LemlistTeam,
  LemlistUser,
} from "../records";
import { generateActivities } from "./activities";
import { planCampaigns } from "./campaigns";
import { createGen, type Setup } from "./context";
import { addLemlistDriftItems } from "./drift";
import { indexData } from "./indexes";
import { completeLemlistTask, generateTasks } from "./tasks";
import { createTeam } from "./team";
import { DAY } from "./time";

export { addLemlistDriftItems, completeLemlistTask };
export { LEAD_STATE_AGGREGATES } from "./lead-run";
export { lowerBound, upperBound } from "./sorted";

/**
 * Deterministic lemlist data for a world: campaigns with 3–6 step sequences, one
 * lead per (person, campaign), an activity history that follows a realistic funnel
 * (every open, click, reply and bounce after the send of the same step), and tasks.
 */
export interface LemlistData {
  team: LemlistTeam;
  users: LemlistUser[];
  campaigns: LemlistCampaign[];
  /** Oldest first (the API serves newest first); kept sorted by createdAt. */
  activities: LemlistActivity[];
  /** Every task, done ones included; the API lists only those not in `doneTaskIds`. */
  tasks: LemlistTask[];
  leads: LemlistLeadEntry[];
  doneTaskIds: Set<string>;
  byLead: Map<string, LemlistActivity[]>;
  byCampaign: Map<string, LemlistActivity[]>;
  leadsByEmail: Map<string, LemlistLeadEntry[]>;
  leadById: Map<string, LemlistLeadEntry>;
  campaignById: Map<string, LemlistCampaign>;
  /** Every emailsSent row, the anchors of drift items. */
  sends: LemlistActivity[];
  driftRng: Rng;
  /** Marks a task done at the vendor: it disappears from `GET /tasks`. */
  completeTask(id: string): boolean;
  /** Appends `n` coherent new activities created at `now`; returns them. */
  addDriftItems(n: number, now: Date): LemlistActivity[];
}

/**
 * Builds the lemlist data set of `world`. Runs in a few seconds at 1 M world activities.
 * Every part draws from the one `lemlist` rng in turn, so the order of the calls below is
 * part of the data: moving one changes every id and time after it.
 */
export function generateLemlistData(world: World): LemlistData {
  const rng = world.rng.fork("lemlist");
  const now = world.options.now.getTime();
  const start = now - world.options.days * DAY;
  const people = peopleOf(world, "lemlist");

  const { team, users } = createTeam(rng, start);
  const setup: Setup = { rng, now, start, span: now - start, teamId: team._id, users };
  const plans = planCampaigns(setup, Math.max(1, shareOf(world, "lemlist", "campaigns")));
  const g = createGen(setup, people);
  const activities = generateActivities(g, people, plans, shareOf(world, "lemlist", "activities"));
  const { tasks, doneTaskIds } = generateTasks(g, shareOf(world, "lemlist", "tasks"));

  const data: LemlistData = {
    team,
    users,
    campaigns: plans.map((p) => p.campaign),
    activities,
    tasks,
    leads: g.leads,
    doneTaskIds,
    byLead: new Map(),
    byCampaign: new Map(),
    leadsByEmail: new Map(),
    leadById: new Map(),
    campaignById: new Map(plans.map((p) => [p.campaign._id, p.campaign])),
    sends: g.sends,
    driftRng: world.rng.fork("lemlist-drift"),
    completeTask: (id) => completeLemlistTask(data, id),
    addDriftItems: (n, at) => addLemlistDriftItems(data, n, at),
  };
  indexData(data);
  return data;
}

/** The JSON-able part of the data set (for determinism checks and fixtures). */
export function lemlistDataSnapshot(data: LemlistData) {
  return {
    team: data.team,
    users: data.users,
    campaigns: data.campaigns,
    activities: data.activities,
    tasks: data.tasks,
    doneTaskIds: [...data.doneTaskIds],
  };
}
