import * as T from "../text";
import type { StepDef } from "./campaigns";
import type { LeadRun } from "./lead-run";
import { HOUR, MIN } from "./time";

/** LinkedIn steps: a profile visit, an invite (sometimes accepted), and messages or voice notes to a connection. */

export function linkedinVisit(run: LeadRun, step: StepDef): void {
  const { rng } = run.g;
  const t = run.t;
  run.emit(t, rng.chance(0.05) ? "linkedinVisitFailed" : "linkedinVisitDone", step);
  run.agg(t, "contacted");
  if (rng.chance(0.05)) run.emit(t + rng.int(1, 30) * MIN, "linkedinFollowDone", step);
}

export function linkedinInvite(run: LeadRun, step: StepDef): void {
  const { rng } = run.g;
  const t = run.t;
  if (rng.chance(0.04)) {
    run.emit(t, "linkedinInviteFailed", step);
    return;
  }
  run.emit(t, "linkedinInviteDone", step);
  run.agg(t, "contacted");
  if (rng.chance(0.45)) {
    run.connectedAt = t + rng.int(1, 72) * HOUR;
    run.emit(run.connectedAt, "linkedinInviteAccepted", step);
  }
}

/** A message or voice note: skipped unless the lead accepted the invite by then; a reply ends the sequence. */
export function linkedinMessage(run: LeadRun, step: StepDef): void {
  const { rng } = run.g;
  const t = run.t;
  if (run.connectedAt < 0 || run.connectedAt > t) {
    run.emit(t, "skipped", step);
    return;
  }
  const m = run.emit(t, step.kind === "linkedinSend" ? "linkedinSent" : "linkedinVoiceNoteDone", step);
  if (step.kind === "linkedinSend") m.text = T.fill(rng.pick(T.LINKEDIN_MESSAGES), run.vars);
  if (rng.chance(0.5)) run.emit(t + rng.int(10, 48 * 60) * MIN, "linkedinOpened", step);
  if (rng.chance(0.12)) {
    const tr = t + rng.int(1, 96) * HOUR;
    run.emit(tr, "linkedinReplied", step).text = rng.pick(T.LINKEDIN_REPLIES);
    run.agg(tr, "warmed");
    const mood = rng.next();
    if (mood < 0.65) {
      const ti = tr + rng.int(10, 600) * MIN;
      run.manual(run.emit(ti, mood < 0.4 ? "linkedinInterested" : "linkedinNotInterested", null));
      run.agg(ti, mood < 0.4 ? "interested" : "notInterested");
      if (mood < 0.4) run.interestedAt = ti;
    }
    run.stopped = true;
  }
}
