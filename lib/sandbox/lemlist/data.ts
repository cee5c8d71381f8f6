import type { Rng } from "@/lib/sandbox/shared/prng";
import { peopleOf, shareOf, type Person, type World } from "@/lib/sandbox/shared/world";
import type {
  LemlistActivity,
  LemlistCampaign,
  LemlistCampaignStatus,
  LemlistLead,
  LemlistLeadEntry,
  LemlistTask,
  LemlistTeam,
  LemlistUser,
} from "./records";
import * as T from "./text";

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

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

type StepKind =
  "email" | "linkedinVisit" | "linkedinInvite" | "linkedinSend" | "linkedinVoiceNote" | "phone" | "manual" | "api";

interface StepDef {
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

interface CampaignPlan {
  campaign: LemlistCampaign;
  steps: StepDef[];
  abTest: boolean;
  sender: LemlistUser;
  launchAt: number;
  enrollUntil: number;
  sendStopAt: number;
}

/** What every row of one lead shares. */
interface LeadCtx {
  plan: CampaignPlan;
  person: Person;
  lead: LemlistLead;
  variant: "A" | "B" | undefined;
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

const TASK_TYPES: [string, number][] = [
  ["manual", 30],
  ["phone", 20],
  ["linkedinInvite", 9],
  ["linkedinSend", 9],
  ["linkedinVoiceNote", 3],
  ["emailsReplied", 10],
  ["opportunityReplied", 3],
  ["linkedinReplied", 4],
  ["opportunityClicked", 3],
  ["email", 7],
  ["whatsappMessage", 2],
];

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

function weighted(rng: Rng, items: [string, number][]): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

const iso = (t: number) => new Date(Math.floor(t)).toISOString();

/** Builds the lemlist data set of `world`. Runs in a few seconds at 1 M world activities. */
export function generateLemlistData(world: World): LemlistData {
  const rng = world.rng.fork("lemlist");
  const now = world.options.now.getTime();
  const start = now - world.options.days * DAY;
  const span = now - start;
  const people = peopleOf(world, "lemlist");
  const target = shareOf(world, "lemlist", "activities");
  const nCampaigns = Math.max(1, shareOf(world, "lemlist", "campaigns"));
  const nTasks = shareOf(world, "lemlist", "tasks");

  const teamId = `tea_${rng.id()}`;
  const users: LemlistUser[] = T.USERS.map((u) => ({ _id: `usr_${rng.id()}`, name: u.name, email: u.email }));
  const team: LemlistTeam = {
    _id: teamId,
    name: "Touchline Demo",
    userIds: users.map((u) => u._id),
    createdBy: users[0]!._id,
    createdAt: iso(start - 400 * DAY),
  };

  // Campaigns and their sequences.
  const plans: CampaignPlan[] = [];
  for (let c = 0; c < nCampaigns; c++) {
    const status = STATUS_CYCLE[c % STATUS_CYCLE.length]!;
    const name =
      T.CAMPAIGN_NAMES[c % T.CAMPAIGN_NAMES.length]! +
      (c >= T.CAMPAIGN_NAMES.length ? ` #${Math.floor(c / T.CAMPAIGN_NAMES.length) + 1}` : "");
    const creator = rng.pick(users);
    const campaign: LemlistCampaign = {
      _id: `cam_${rng.id()}`,
      name,
      labels: rng.chance(0.5) ? [rng.pick(T.LABELS)] : [],
      createdAt: iso(start - rng.int(1, 30) * DAY - rng.int(0, 23) * HOUR),
      createdBy: creator._id,
      status,
      sequenceId: `seq_${rng.id()}`,
      teamId,
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
    const steps: StepDef[] = [];
    const flavour = SEQUENCE_FLAVOURS[c];
    const nSteps = flavour?.length ?? rng.int(3, 6);
    let emailNumber = 0;
    let hasInvite = false;
    for (let i = 0; i < nSteps; i++) {
      let kind: StepKind =
        flavour?.[i] ??
        (i === 0
          ? "email"
          : (weighted(rng, [
              ["email", 55],
              ["linkedinVisit", 8],
              ["linkedinInvite", 10],
              ["linkedinSend", 8],
              ["phone", 8],
              ["manual", 5],
              ["linkedinVoiceNote", 2],
              ["api", 4],
            ]) as StepKind));
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
    plans.push({ campaign, steps, abTest, sender: rng.pick(users), launchAt, enrollUntil, sendStopAt });
  }

  const contactIds = new Map<number, string>();
  for (const p of people) contactIds.set(p.index, `ctc_${rng.id()}`);
  const companyIds = new Map<string, string>();
  for (const p of people) if (!companyIds.has(p.company)) companyIds.set(p.company, `cpn_${rng.id()}`);

  const rows: LemlistActivity[] = [];
  const sends: LemlistActivity[] = [];
  const times: number[] = [];
  const leads: LemlistLeadEntry[] = [];
  /** Sends that were opened by a person, with the first open: anchors for repeat opens. */
  const opened: { send: LemlistActivity; firstOpen: number }[] = [];

  const rowId = () => `act_${rng.id()}`;

  function leadRow(ctx: LeadCtx, type: string, t: number, step: StepDef | null): LemlistActivity {
    const { plan, person, lead } = ctx;
    const c = plan.campaign;
    const r: LemlistActivity = {
      _id: rowId(),
      type,
      createdAt: iso(t),
      teamId,
      isFirst: false,
      bot: false,
      leadId: lead._id,
      campaignId: c._id,
    };
    if (step) {
      r.sequenceId = c.sequenceId;
      r.sequenceStep = step.index;
      r.totalSequenceStep = plan.steps.length - 1;
      if (step.stepId) r.stepId = step.stepId;
      if (step.kind === "email") r.emailTemplateId = step.templateIds[ctx.variant === "B" ? 1 : 0];
      r.createdBy = c.createdBy;
      r.sendUserId = plan.sender._id;
    }
    r.name = c.name;
    r.leadFirstName = person.firstName;
    r.leadLastName = person.lastName;
    r.leadEmail = person.email;
    r.leadCompanyName = person.company;
    r.contactId = lead.contactId;
    r.metaData = { teamId, campaignId: c._id, leadId: lead._id, type };
    r.lead = lead;
    r.campaignName = c.name;
    if (ctx.variant) r.sequenceTested = ctx.variant;
    if (step?.kind === "email") r.emailTemplateName = step.templateName;
    return r;
  }

  function enrol(person: Person, plan: CampaignPlan): number {
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
      contactId: contactIds.get(person.index)!,
      enrichment: rng.chance(0.7) ? { emailStatus: "deliverable" } : {},
    };
    leads.push({ lead, campaignId: c._id, campaignName: c.name, createdAt: iso(t0 - rng.int(1, 48) * HOUR) });
    const ctx: LeadCtx = { plan, person, lead, variant: plan.abTest ? (rng.chance(0.5) ? "A" : "B") : undefined };
    const vars = {
      first: person.firstName,
      company: person.company,
      sender: plan.sender.name,
      sender_first: plan.sender.name.split(" ")[0]!,
    };
    const ev: { t: number; r: LemlistActivity }[] = [];
    const emit = (t: number, type: string, step: StepDef | null) => {
      const r = leadRow(ctx, type, t, step);
      if (t <= now && t >= start) ev.push({ t, r });
      return r;
    };
    const manual = (r: LemlistActivity, user = rng.pick(users)) => {
      r.userId = user._id;
      r.userName = rng.chance(0.15) ? "api" : user.name;
      return r;
    };
    const agg = (t: number, type: (typeof LEAD_STATE_AGGREGATES)[number]) => {
      if (!seen.has(type)) {
        seen.add(type);
        emit(t + 1000, type, null);
      }
    };
    const seen = new Set<string>();
    let t = t0;
    let stopped = false;
    let connectedAt = -1;
    let interestedAt = -1;

    for (const step of plan.steps) {
      if (stopped) break;
      if (step.index > 0) t += step.delayDays * DAY + rng.int(0, 8) * HOUR + rng.int(0, 59) * MIN;
      if (t > plan.sendStopAt || t > now) break;
      if (rng.chance(0.012)) {
        manual(emit(t - rng.int(1, 20) * HOUR, "paused", null));
        if (rng.chance(0.5)) {
          lead.isPaused = true;
          break;
        }
        t += rng.int(1, 5) * DAY;
        manual(emit(t - HOUR, "resumed", null));
        if (t > plan.sendStopAt || t > now) break;
      }
      if (rng.chance(0.002)) emit(t, "connectionIssue", step);
      switch (step.kind) {
        case "email": {
          if (rng.chance(0.004)) {
            emit(t, rng.chance(0.5) ? "emailsFailed" : "emailsSendFailed", step);
            break;
          }
          if (rng.chance(0.004)) {
            emit(t, "sendLimitReached", step);
            t += DAY;
            if (t > now) break;
          }
          const subjectT = (ctx.variant === "B" && step.abTested ? T.SUBJECTS_B : T.SUBJECTS_A)[
            step.emailNumber % T.SUBJECTS_A.length
          ]!;
          const subject = T.fill(subjectT, vars);
          const body = T.fill(T.BODIES[step.emailNumber % T.BODIES.length]!, vars);
          const send = emit(t, "emailsSent", step);
          send.emailSubject = subject;
          send.emailPreview = body.replace(/\s+/g, " ").slice(0, 140);
          send.text = body;
          send.messageId = `<${rng.id(24)}@mail.lemlist.com>`;
          if (t <= now) sends.push(send);
          agg(t, "contacted");
          if (rng.chance(step.emailNumber === 0 ? 0.035 : 0.006)) {
            const b = emit(t + rng.int(1, 30) * MIN, "emailsBounced", step);
            b.relatedSentAt = send.createdAt;
            stopped = true;
            break;
          }
          if (rng.chance(0.04)) {
            const b = emit(t + rng.int(3, 120) * 1000, "emailsOpened", step);
            b.bot = true;
            b.relatedSentAt = send.createdAt;
            if (rng.chance(0.3)) {
              const bc = emit(t + rng.int(5, 180) * 1000, "emailsClicked", step);
              bc.bot = true;
              bc.relatedSentAt = send.createdAt;
            }
          }
          let firstOpen = -1;
          if (rng.chance(0.55)) {
            let to = t + rng.int(2, 60) * MIN + rng.next() ** 2 * 48 * HOUR;
            firstOpen = to;
            for (let k = 0; k < 5; k++) {
              emit(to, "emailsOpened", step).relatedSentAt = send.createdAt;
              if (!rng.chance(0.35)) break;
              to += rng.int(5, 60) * MIN + rng.next() * 36 * HOUR;
            }
            if (firstOpen <= now) opened.push({ send, firstOpen });
            agg(firstOpen, "hooked");
            if (step.hasLink && rng.chance(0.14)) {
              const tc = firstOpen + rng.int(5, 600) * 1000;
              emit(tc, "emailsClicked", step).relatedSentAt = send.createdAt;
              agg(tc, "attracted");
            }
          }
          if (rng.chance(firstOpen >= 0 ? 0.085 : 0.015)) {
            const tr = Math.max(t, firstOpen) + rng.int(10, 120) * MIN + rng.next() ** 2 * 72 * HOUR;
            const mood = rng.next();
            const pool = mood < 0.35 ? T.REPLIES_POSITIVE : mood < 0.65 ? T.REPLIES_NEGATIVE : T.REPLIES_NEUTRAL;
            const replyText = T.fill(rng.pick(pool), vars);
            const quoted = body
              .split("\n")
              .map((l) => `> ${l}`)
              .join("\n");
            const reply = emit(tr, "emailsReplied", step);
            reply.emailSubject = subject.startsWith("Re:") ? subject : `Re: ${subject}`;
            reply.text = `${replyText}\n\nOn ${new Date(t).toUTCString()}, ${plan.sender.name} <${plan.sender.email}> wrote:\n${quoted}`;
            reply.emailPreview = replyText.replace(/\s+/g, " ").slice(0, 140);
            reply.messageId = `<${rng.id(24)}@mail.gmail.com>`;
            reply.inReplyTo = send.messageId;
            reply.relatedSentAt = send.createdAt;
            agg(tr, "warmed");
            if (mood < 0.35 || (mood < 0.65 && rng.chance(0.7))) {
              const ti = tr + rng.int(10, 24 * 60) * MIN;
              const positive = mood < 0.35;
              manual(emit(ti, positive ? "emailsInterested" : "emailsNotInterested", null));
              agg(ti, positive ? "interested" : "notInterested");
              if (positive) interestedAt = ti;
            }
            stopped = true;
            break;
          }
          if (rng.chance(0.008)) {
            emit(t + rng.int(1, 72) * HOUR, "emailsUnsubscribed", step).relatedSentAt = send.createdAt;
            stopped = true;
          }
          break;
        }
        case "linkedinVisit":
          emit(t, rng.chance(0.05) ? "linkedinVisitFailed" : "linkedinVisitDone", step);
          agg(t, "contacted");
          if (rng.chance(0.05)) emit(t + rng.int(1, 30) * MIN, "linkedinFollowDone", step);
          break;
        case "linkedinInvite":
          if (rng.chance(0.04)) {
            emit(t, "linkedinInviteFailed", step);
            break;
          }
          emit(t, "linkedinInviteDone", step);
          agg(t, "contacted");
          if (rng.chance(0.45)) {
            connectedAt = t + rng.int(1, 72) * HOUR;
            emit(connectedAt, "linkedinInviteAccepted", step);
          }
          break;
        case "linkedinSend":
        case "linkedinVoiceNote": {
          if (connectedAt < 0 || connectedAt > t) {
            emit(t, "skipped", step);
            break;
          }
          const m = emit(t, step.kind === "linkedinSend" ? "linkedinSent" : "linkedinVoiceNoteDone", step);
          if (step.kind === "linkedinSend") m.text = T.fill(rng.pick(T.LINKEDIN_MESSAGES), vars);
          if (rng.chance(0.5)) emit(t + rng.int(10, 48 * 60) * MIN, "linkedinOpened", step);
          if (rng.chance(0.12)) {
            const tr = t + rng.int(1, 96) * HOUR;
            emit(tr, "linkedinReplied", step).text = rng.pick(T.LINKEDIN_REPLIES);
            agg(tr, "warmed");
            const mood = rng.next();
            if (mood < 0.65) {
              const ti = tr + rng.int(10, 600) * MIN;
              manual(emit(ti, mood < 0.4 ? "linkedinInterested" : "linkedinNotInterested", null));
              agg(ti, mood < 0.4 ? "interested" : "notInterested");
              if (mood < 0.4) interestedAt = ti;
            }
            stopped = true;
          }
          break;
        }
        case "phone": {
          const user = rng.pick(users);
          const created = manual(emit(t, "aircallCreated", step), user);
          const answered = rng.chance(0.35);
          const duration = answered ? rng.int(60, 900) : rng.int(0, 25);
          const ended = manual(emit(t + duration * 1000, "aircallEnded", step), user);
          ended.duration = duration;
          const done = manual(emit(t + duration * 1000 + rng.int(1, 5) * MIN, "aircallDone", step), user);
          const taskId = `tsk_${rng.id()}`;
          for (const r of [created, ended, done]) r.metaData!.taskId = taskId;
          agg(t, "contacted");
          if (answered && rng.chance(0.45)) {
            const ti = t + duration * 1000 + rng.int(5, 60) * MIN;
            const positive = rng.chance(0.65);
            manual(emit(ti, positive ? "manualInterested" : "manualNotInterested", null), user);
            agg(ti, positive ? "interested" : "notInterested");
            if (positive) interestedAt = ti;
          }
          break;
        }
        case "manual": {
          const r = manual(emit(t + rng.int(0, 8) * HOUR, "manualDone", step));
          r.metaData!.taskId = `tsk_${rng.id()}`;
          break;
        }
        case "api":
          emit(t, rng.chance(0.9) ? "apiDone" : "apiFailed", step);
          break;
      }
    }
    if (interestedAt > 0 && rng.chance(0.25)) emit(interestedAt + rng.int(1, 72) * HOUR, "opportunitiesDone", null);
    if (rng.chance(0.02)) {
      const n = manual(emit(t0 + rng.next() * (now - t0), "annotated", null));
      n.note = T.fill(rng.pick(T.NOTES), vars);
    }

    ev.sort((a, b) => a.t - b.t);
    const firsts = new Set<string>();
    let state: string | null = null;
    for (const { t: et, r } of ev) {
      if (!firsts.has(r.type)) {
        firsts.add(r.type);
        r.isFirst = true;
      }
      if (!AGGREGATES.has(r.type) && r.type !== "annotated" && !r.bot) state = r.type;
      rows.push(r);
      times.push(et);
    }
    if (state) lead.state = state;
    return ev.length;
  }

  const active = plans.filter((p) => p.campaign.status !== "draft");
  let count = 0;
  if (people.length && active.length) {
    const pairs: number[] = [];
    for (let i = 0; i < people.length; i++) for (let j = 0; j < active.length; j++) pairs.push(i * active.length + j);
    rng.shuffle(pairs);
    const companyNotes = Math.max(1, Math.round(target * 0.002));
    for (let k = 0; k < companyNotes; k++) {
      const p = rng.pick(people);
      const u = rng.pick(users);
      const t = start + rng.next() * span;
      rows.push({
        _id: rowId(),
        teamId,
        companyId: companyIds.get(p.company)!,
        type: "annotated",
        createdAt: iso(t),
        note: rng.pick(T.COMPANY_NOTES),
        sendUserId: u._id,
        userId: u._id,
      });
      times.push(t);
      count++;
    }
    for (const pair of pairs) {
      if (count >= target) break;
      count += enrol(people[Math.floor(pair / active.length)]!, active[pair % active.length]!);
    }
    // Small people counts cannot reach big activity targets with one lead per (person,
    // campaign): people open the same email again, as real inboxes do.
    while (count < target && opened.length) {
      const o = opened[Math.floor(rng.next() * opened.length)]!;
      const t = o.firstOpen + rng.next() * (now - o.firstOpen);
      rows.push(derivedRow(o.send, "emailsOpened", t, rowId()));
      times.push(t);
      count++;
    }
  }

  const order = new Uint32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  const activities: LemlistActivity[] = new Array(rows.length);
  for (let i = 0; i < order.length; i++) activities[i] = rows[order[i]!]!;

  // Tasks: most on a lead, some free-standing (seed 002's second example has no lead).
  const tasks: LemlistTask[] = [];
  const doneTaskIds = new Set<string>();
  for (let i = 0; i < nTasks; i++) {
    const type = weighted(rng, TASK_TYPES);
    const entry = leads.length && rng.chance(0.9) ? leads[Math.floor(rng.next() * leads.length)]! : null;
    const vars = entry
      ? { first: entry.lead.variables.firstName, company: entry.lead.variables.companyName }
      : { first: "the team", company: "the account" };
    const task: LemlistTask = {
      _id: `opp_${rng.id()}`,
      type,
      title: T.fill(rng.pick(T.TASK_TITLES[type] ?? ["Follow up"]), vars),
      priority: rng.int(1, 3),
      userId: rng.pick(users)._id,
      content: rng.pick(T.TASK_CONTENT),
    };
    if (entry) {
      task.leadId = entry.lead._id;
      task.campaignId = entry.campaignId;
      task.contactId = entry.lead.contactId;
    }
    const due = now + (rng.next() * 50 - 20) * DAY;
    if (rng.chance(0.97)) {
      // About 30 % are "day" tasks, stored by lemlist as midnight UTC.
      const day = Math.floor(due / DAY) * DAY;
      task.dueDate = rng.chance(0.3)
        ? iso(day)
        : iso(day + rng.int(7, 18) * HOUR + rng.int(0, 59) * MIN + rng.int(0, 59_999));
    }
    tasks.push(task);
    if (rng.chance(due < now ? 0.35 : 0.1)) doneTaskIds.add(task._id);
  }

  const data: LemlistData = {
    team,
    users,
    campaigns: plans.map((p) => p.campaign),
    activities,
    tasks,
    leads,
    doneTaskIds,
    byLead: new Map(),
    byCampaign: new Map(),
    leadsByEmail: new Map(),
    leadById: new Map(),
    campaignById: new Map(plans.map((p) => [p.campaign._id, p.campaign])),
    sends,
    driftRng: world.rng.fork("lemlist-drift"),
    completeTask: (id) => completeLemlistTask(data, id),
    addDriftItems: (n, at) => addLemlistDriftItems(data, n, at),
  };
  for (const a of activities) indexActivity(data, a);
  for (const e of leads) {
    const key = e.lead.variables.email.trim().toLowerCase();
    const list = data.leadsByEmail.get(key);
    if (list) list.push(e);
    else data.leadsByEmail.set(key, [e]);
    data.leadById.set(e.lead._id, e);
  }
  return data;
}

/** A row about the same lead, campaign and step as `base` (a repeat open, a drift item). */
function derivedRow(base: LemlistActivity, type: string, t: number, id: string): LemlistActivity {
  // Field by field rather than a spread: the copies stay small, fast-mode objects at 1 M rows,
  // and the send's content (subject, text) stays on the send.
  const r: LemlistActivity = {
    _id: id,
    type,
    createdAt: iso(t),
    teamId: base.teamId,
    isFirst: false,
    bot: false,
    leadId: base.leadId,
    campaignId: base.campaignId,
  };
  if (base.sequenceId !== undefined) r.sequenceId = base.sequenceId;
  if (base.sequenceStep !== undefined) r.sequenceStep = base.sequenceStep;
  if (base.totalSequenceStep !== undefined) r.totalSequenceStep = base.totalSequenceStep;
  if (base.stepId !== undefined) r.stepId = base.stepId;
  if (base.emailTemplateId !== undefined) r.emailTemplateId = base.emailTemplateId;
  if (base.createdBy !== undefined) r.createdBy = base.createdBy;
  if (base.sendUserId !== undefined) r.sendUserId = base.sendUserId;
  r.name = base.name;
  r.leadFirstName = base.leadFirstName;
  r.leadLastName = base.leadLastName;
  r.leadEmail = base.leadEmail;
  r.leadCompanyName = base.leadCompanyName;
  r.contactId = base.contactId;
  r.metaData = { teamId: base.teamId, campaignId: base.campaignId, leadId: base.leadId, type };
  r.lead = base.lead;
  r.campaignName = base.campaignName;
  if (base.sequenceTested !== undefined) r.sequenceTested = base.sequenceTested;
  if (base.emailTemplateName !== undefined) r.emailTemplateName = base.emailTemplateName;
  r.relatedSentAt = base.createdAt;
  return r;
}

function pushTo(map: Map<string, LemlistActivity[]>, key: string | undefined, a: LemlistActivity): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(a);
  else map.set(key, [a]);
}

function indexActivity(data: LemlistData, a: LemlistActivity): void {
  pushTo(data.byLead, a.leadId, a);
  pushTo(data.byCampaign, a.campaignId, a);
}

/** First index in `list` (sorted by createdAt) whose time is > t. */
export function upperBound(list: readonly LemlistActivity[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse(list[mid]!.createdAt) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in `list` (sorted by createdAt) whose time is >= t. */
export function lowerBound(list: readonly LemlistActivity[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse(list[mid]!.createdAt) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: LemlistActivity[], a: LemlistActivity): void {
  const at = upperBound(list, Date.parse(a.createdAt));
  if (at === list.length) list.push(a);
  else list.splice(at, 0, a);
}

/**
 * Page drift: `n` new activities created at `now` — repeat opens of earlier sends (or a
 * company note when nothing was sent) — inserted in order into every index.
 */
export function addLemlistDriftItems(data: LemlistData, n: number, now: Date): LemlistActivity[] {
  const rng = data.driftRng;
  const t = now.getTime();
  const added: LemlistActivity[] = [];
  for (let i = 0; i < n; i++) {
    const send = data.sends.length ? data.sends[Math.floor(rng.next() * data.sends.length)]! : null;
    let a: LemlistActivity;
    if (send && Date.parse(send.createdAt) <= t) {
      a = derivedRow(send, "emailsOpened", t, `act_${rng.id()}`);
    } else {
      const u = data.users[0]!;
      a = {
        _id: `act_${rng.id()}`,
        teamId: data.team._id,
        companyId: `cpn_${rng.id()}`,
        type: "annotated",
        createdAt: iso(t),
        note: rng.pick(T.COMPANY_NOTES),
        sendUserId: u._id,
        userId: u._id,
      };
    }
    insertSorted(data.activities, a);
    if (a.leadId)
      insertSorted(data.byLead.get(a.leadId) ?? (data.byLead.set(a.leadId, []).get(a.leadId) as LemlistActivity[]), a);
    if (a.campaignId)
      insertSorted(
        data.byCampaign.get(a.campaignId) ??
          (data.byCampaign.set(a.campaignId, []).get(a.campaignId) as LemlistActivity[]),
        a,
      );
    added.push(a);
  }
  return added;
}

export function completeLemlistTask(data: LemlistData, id: string): boolean {
  if (!data.tasks.some((t) => t._id === id) || data.doneTaskIds.has(id)) return false;
  data.doneTaskIds.add(id);
  return true;
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
