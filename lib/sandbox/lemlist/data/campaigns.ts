import type { Rng } from "@/lib/sandbox/shared/prng";
import type { LemlistCampaign, LemlistCampaignStatus, LemlistUser } from "../records";
import * as T from "../text";
import type { Setup } from "./context";
import { DAY, HOUR, iso } from "./time";
import { weighted } from "./weighted";

/** Campaigns with their 3–6 step sequences, and when each one enrols leads and sends. */

export type StepKind =
  "email" | "linkedinVisit" | "linkedinInvite" | "linkedinSend" | "linkedinVoiceNote" | "phone" | "manual" | "api";

export interface StepDef {
  index: number;
  kind: StepKind;
  delayDays: number;
  stepId: string | undefined;
  /** Per variant: A at 0, B at 1 (the same template twice when the step is not A/B tested). */
  templateIds: [string, string];
  templateName: string;
  emailNumber: number;
  abTested: boolean;
  hasLink: boolean;
}

export interface CampaignPlan {
  campaign: LemlistCampaign;
  steps: StepDef[];
  abTest: boolean;
  sender: LemlistUser;
  launchAt: number;
  enrollUntil: number;
  sendStopAt: number;
}

/** Campaign statuses in the order campaigns are given them; drafts have no activity yet. */
const STATUS_CYCLE: LemlistCampaignStatus[] = [
  "running",
  "running",
  "paused",
  "ended",
  "running",
  "archived",
  "running",
  "draft",
  "errors",
  "running",
];

/**
 * The first campaigns' sequences are fixed so even a small world holds every step kind
 * (and so every activity type); later campaigns draw theirs.
 */
const SEQUENCE_FLAVOURS: StepKind[][] = [
  ["email", "email", "email", "email"],
  ["email", "linkedinVisit", "linkedinInvite", "email", "linkedinSend", "phone"],
  ["email", "phone", "email", "manual", "email"],
  ["email", "linkedinInvite", "email", "linkedinVoiceNote", "api"],
  ["email", "linkedinInvite", "linkedinSend", "email", "email"],
];

/** How often a drawn step (after the first, always an email) is of each kind. */
const STEP_KINDS: [string, number][] = [
  ["email", 55],
  ["linkedinVisit", 8],
  ["linkedinInvite", 10],
  ["linkedinSend", 8],
  ["phone", 8],
  ["manual", 5],
  ["linkedinVoiceNote", 2],
  ["api", 4],
];

export function planCampaigns(s: Setup, n: number): CampaignPlan[] {
  const plans: CampaignPlan[] = [];
  for (let c = 0; c < n; c++) plans.push(planCampaign(s, c));
  return plans;
}

function planCampaign(s: Setup, c: number): CampaignPlan {
  const { rng, now, start, span } = s;
  const status = STATUS_CYCLE[c % STATUS_CYCLE.length]!;
  const name =
    T.CAMPAIGN_NAMES[c % T.CAMPAIGN_NAMES.length]! +
    (c >= T.CAMPAIGN_NAMES.length ? ` #${Math.floor(c / T.CAMPAIGN_NAMES.length) + 1}` : "");
  const creator = rng.pick(s.users);
  const campaign: LemlistCampaign = {
    _id: `cam_${rng.id()}`,
    name,
    labels: rng.chance(0.5) ? [rng.pick(T.LABELS)] : [],
    createdAt: iso(start - rng.int(1, 30) * DAY - rng.int(0, 23) * HOUR),
    createdBy: creator._id,
    status,
    sequenceId: `seq_${rng.id()}`,
    teamId: s.teamId,
  };
  const ended = status === "ended" || status === "archived";
  const launchAt = start + rng.next() * (ended ? 0.1 : 0.35) * span;
  let enrollUntil = now - 2 * DAY;
  let sendStopAt = now;
  if (status === "paused") sendStopAt = enrollUntil = now - rng.int(5, 25) * DAY;
  if (ended) {
    sendStopAt = launchAt + (0.5 + rng.next() * 0.2) * span;
    enrollUntil = sendStopAt - 14 * DAY;
  }
  enrollUntil = Math.max(enrollUntil, launchAt + DAY);
  const abTest = rng.chance(0.6);
  const withStepIds = rng.chance(0.5);
  const steps = planSteps(rng, SEQUENCE_FLAVOURS[c], abTest, withStepIds);
  return { campaign, steps, abTest, sender: rng.pick(s.users), launchAt, enrollUntil, sendStopAt };
}

/** A sequence: `flavour` when given, else 3–6 drawn steps; LinkedIn messages only after an invite. */
function planSteps(rng: Rng, flavour: StepKind[] | undefined, abTest: boolean, withStepIds: boolean): StepDef[] {
  const steps: StepDef[] = [];
  const nSteps = flavour?.length ?? rng.int(3, 6);
  let emailNumber = 0;
  let hasInvite = false;
  for (let i = 0; i < nSteps; i++) {
    let kind: StepKind = flavour?.[i] ?? (i === 0 ? "email" : (weighted(rng, STEP_KINDS) as StepKind));
    if ((kind === "linkedinSend" || kind === "linkedinVoiceNote") && !hasInvite) kind = "linkedinInvite";
    if (kind === "linkedinInvite") hasInvite = true;
    const tA = `etp_${rng.id()}`;
    const tested = abTest && kind === "email" && (emailNumber === 0 || rng.chance(0.5));
    steps.push({
      index: i,
      kind,
      delayDays: i === 0 ? 0 : rng.int(1, 4),
      stepId: withStepIds ? `stp_${rng.id()}` : undefined,
      templateIds: [tA, tested ? `etp_${rng.id()}` : tA],
      templateName: kind === "email" ? rng.pick(["Blank", "Intro v2", "Follow-up short", "Case study"]) : "",
      emailNumber: kind === "email" ? emailNumber++ : -1,
      abTested: tested,
      hasLink: rng.chance(0.6),
    });
  }
  return steps;
}
