import type { StepDef } from "./campaigns";
import type { LeadRun } from "./lead-run";
import { MIN } from "./time";

/**
 * A phone step: an Aircall call by one user (created, ended, done, sharing a task id),
 * answered about a third of the time, and after some answered calls an interested or
 * not-interested mark.
 */
export function phoneStep(run: LeadRun, step: StepDef): void {
  const { rng, users } = run.g;
  const t = run.t;
  const user = rng.pick(users);
  const created = run.manual(run.emit(t, "aircallCreated", step), user);
  const answered = rng.chance(0.35);
  const duration = answered ? rng.int(60, 900) : rng.int(0, 25);
  const ended = run.manual(run.emit(t + duration * 1000, "aircallEnded", step), user);
  ended.duration = duration;
  const done = run.manual(run.emit(t + duration * 1000 + rng.int(1, 5) * MIN, "aircallDone", step), user);
  const taskId = `tsk_${rng.id()}`;
  for (const r of [created, ended, done]) r.metaData!.taskId = taskId;
  run.agg(t, "contacted");
  if (answered && rng.chance(0.45)) {
    const ti = t + duration * 1000 + rng.int(5, 60) * MIN;
    const positive = rng.chance(0.65);
    run.manual(run.emit(ti, positive ? "manualInterested" : "manualNotInterested", null), user);
    run.agg(ti, positive ? "interested" : "notInterested");
    if (positive) run.interestedAt = ti;
  }
}
