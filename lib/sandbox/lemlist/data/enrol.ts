import type { Person } from "@/lib/sandbox/shared/world";
import type { LemlistLead } from "../records";
import * as T from "../text";
import type { CampaignPlan, StepDef } from "./campaigns";
import type { Gen } from "./context";
import { emailStep } from "./email-step";
import { finishRun, startRun, type LeadRun } from "./lead-run";
import { linkedinInvite, linkedinMessage, linkedinVisit } from "./linkedin-steps";
import { phoneStep } from "./phone-step";
import type { LeadCtx } from "./rows";
import { DAY, HOUR, iso, MIN } from "./time";

/**
 * Enrols `person` in `plan`'s campaign: the lead, then its walk through the sequence
 * (pauses, resumes, each step's events) until it ends, stops or reaches now, and a few
 * events after it. Returns how many activities it added.
 */
export function enrol(g: Gen, person: Person, plan: CampaignPlan): number {
  const { rng, now } = g;
  const c = plan.campaign;
  const t0 = plan.launchAt + rng.next() * (plan.enrollUntil - plan.launchAt);
  const lead: LemlistLead = {
    _id: `lea_${rng.id()}`,
    isPaused: false,
    state: "scanned",
    personalized: rng.chance(0.3),
    source: rng.pick(["api", "manually", "csv", "linkedin"]),
    variables: {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      companyName: person.company,
      companyDomain: person.companyDomain,
      jobTitle: person.jobTitle,
      linkedinUrl: person.linkedinUrl,
      phone: person.phone,
    },
    contactId: g.contactIds.get(person.index)!,
    enrichment: rng.chance(0.7) ? { emailStatus: "deliverable" } : {},
  };
  g.leads.push({ lead, campaignId: c._id, campaignName: c.name, createdAt: iso(t0 - rng.int(1, 48) * HOUR) });
  const ctx: LeadCtx = { plan, person, lead, variant: plan.abTest ? (rng.chance(0.5) ? "A" : "B") : undefined };
  const run = startRun(g, ctx, t0);

  for (const step of plan.steps) {
    if (run.stopped) break;
    if (step.index > 0) run.t += step.delayDays * DAY + rng.int(0, 8) * HOUR + rng.int(0, 59) * MIN;
    if (run.t > plan.sendStopAt || run.t > now) break;
    if (rng.chance(0.012)) {
      run.manual(run.emit(run.t - rng.int(1, 20) * HOUR, "paused", null));
      if (rng.chance(0.5)) {
        lead.isPaused = true;
        break;
      }
      run.t += rng.int(1, 5) * DAY;
      run.manual(run.emit(run.t - HOUR, "resumed", null));
      if (run.t > plan.sendStopAt || run.t > now) break;
    }
    if (rng.chance(0.002)) run.emit(run.t, "connectionIssue", step);
    runStep(run, step);
  }
  if (run.interestedAt > 0 && rng.chance(0.25))
    run.emit(run.interestedAt + rng.int(1, 72) * HOUR, "opportunitiesDone", null);
  if (rng.chance(0.02)) {
    const n = run.manual(run.emit(t0 + rng.next() * (now - t0), "annotated", null));
    n.note = T.fill(rng.pick(T.NOTES), run.vars);
  }
  return finishRun(run);
}

function runStep(run: LeadRun, step: StepDef): void {
  const { rng } = run.g;
  switch (step.kind) {
    case "email":
      return emailStep(run, step);
    case "linkedinVisit":
      return linkedinVisit(run, step);
    case "linkedinInvite":
      return linkedinInvite(run, step);
    case "linkedinSend":
    case "linkedinVoiceNote":
      return linkedinMessage(run, step);
    case "phone":
      return phoneStep(run, step);
    case "manual": {
      const r = run.manual(run.emit(run.t + rng.int(0, 8) * HOUR, "manualDone", step));
      r.metaData!.taskId = `tsk_${rng.id()}`;
      return;
    }
    case "api":
      run.emit(run.t, rng.chance(0.9) ? "apiDone" : "apiFailed", step);
      return;
  }
}
