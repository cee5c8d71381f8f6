import type { LemlistActivity, LemlistUser } from "../records";
import type { StepDef } from "./campaigns";
import type { Gen } from "./context";
import { leadRow, type LeadCtx } from "./rows";

/** The lead-state aggregates lemlist emits next to the events they summarise. */
export const LEAD_STATE_AGGREGATES = [
  "contacted",
  "hooked",
  "attracted",
  "warmed",
  "interested",
  "notInterested",
] as const;
const AGGREGATES = new Set<string>(LEAD_STATE_AGGREGATES);

/**
 * One lead's walk through its campaign's sequence, shared by the step generators: where
 * its clock stands and what has happened so far.
 */
export interface LeadRun {
  g: Gen;
  ctx: LeadCtx;
  /** The template variables of the lead's messages. */
  vars: { first: string; company: string; sender: string; sender_first: string };
  /** When the current step runs; a send limit or a pause pushes it on for the steps after. */
  t: number;
  /** A reply, bounce or unsubscribe ends the sequence. */
  stopped: boolean;
  /** When the LinkedIn invite was accepted (−1: not yet), which LinkedIn messages need. */
  connectedAt: number;
  /** When the lead was marked interested (−1: never), which an opportunity follows. */
  interestedAt: number;
  /** A row of the lead at `t`, always built (its id is drawn either way), kept only inside the world's period. */
  emit(t: number, type: string, step: StepDef | null): LemlistActivity;
  /** Marks `r` as done by `user` (by default one drawn); some read "api" as the user name. */
  manual(r: LemlistActivity, user?: LemlistUser): LemlistActivity;
  /** The aggregate `type` one second after `t`, the first time the lead reaches it. */
  agg(t: number, type: (typeof LEAD_STATE_AGGREGATES)[number]): void;
  /** The kept rows with their unrounded times. */
  events: { t: number; r: LemlistActivity }[];
}

export function startRun(g: Gen, ctx: LeadCtx, t0: number): LeadRun {
  const { rng, now, start } = g;
  const { person, plan } = ctx;
  const seen = new Set<string>();
  const run: LeadRun = {
    g,
    ctx,
    vars: {
      first: person.firstName,
      company: person.company,
      sender: plan.sender.name,
      sender_first: plan.sender.name.split(" ")[0]!,
    },
    t: t0,
    stopped: false,
    connectedAt: -1,
    interestedAt: -1,
    emit(t, type, step) {
      const r = leadRow(g, ctx, type, t, step);
      if (t <= now && t >= start) run.events.push({ t, r });
      return r;
    },
    manual(r, user = rng.pick(g.users)) {
      r.userId = user._id;
      r.userName = rng.chance(0.15) ? "api" : user.name;
      return r;
    },
    agg(t, type) {
      if (!seen.has(type)) {
        seen.add(type);
        run.emit(t + 1000, type, null);
      }
    },
    events: [],
  };
  return run;
}

/**
 * Adds the lead's rows to the data set in time order, flags the first of each type, and
 * gives the lead the state of its last event (aggregates, notes and bot rows aside).
 * Returns how many rows it added.
 */
export function finishRun(run: LeadRun): number {
  const { g, events } = run;
  events.sort((a, b) => a.t - b.t);
  const firsts = new Set<string>();
  let state: string | null = null;
  for (const { t, r } of events) {
    if (!firsts.has(r.type)) {
      firsts.add(r.type);
      r.isFirst = true;
    }
    if (!AGGREGATES.has(r.type) && r.type !== "annotated" && !r.bot) state = r.type;
    g.rows.push(r);
    g.times.push(t);
  }
  if (state) run.ctx.lead.state = state;
  return events.length;
}
