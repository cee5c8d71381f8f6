import type { Rng } from "@/lib/sandbox/shared/prng";
import { peopleOf, shareOf, type Person, type World } from "@/lib/sandbox/shared/world";
import {
  isoOf,
  type LeadlexActivity,
  type LeadlexCampaign,
  type LeadlexCampaignCounts,
  type LeadlexContact,
  type LeadlexTask,
  type LeadlexTaskStatus,
} from "./records";
import * as T from "./text";

export * from "./records";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Share of rows written with the other timestamp spelling (`created_at` for `created_date`, …). */
const ALT_SPELLING = 0.08;
/** Share of the activity volume that comes from campaign sequences; the rest is CRM work. */
const CAMPAIGN_SHARE = 0.45;

interface Deal {
  id: string;
  name: string;
  stage: number;
}

/** The generated account, indexed the way the simulator serves it. Mutated only by the drift helpers. */
export interface LeadlexData {
  now: Date;
  users: string[];
  /** The user id Leadlex writes on machine-made rows (AI actions, list automations). */
  systemUserId: string;
  /** In creation order. */
  contacts: LeadlexContact[];
  contactIndex: Map<string, number>;
  activities: LeadlexActivity[];
  /** Creation time of `activities[i]` in ms. */
  activityMs: number[];
  /** Activity indices per contact, newest first (ties by id, descending). */
  byContact: Map<string, number[]>;
  /** Newest first. */
  tasks: LeadlexTask[];
  taskMs: number[];
  campaigns: LeadlexCampaign[];
  campaignCounts: Map<string, LeadlexCampaignCounts>;
  deals: Map<string, Deal>;
  activityIds: Set<string>;
  /** Draws for drift items, separate from the generation draws. */
  drift: Rng;
  driftSerial: number;
  /** Bumped by every mutation, so the simulator's sorted views know when to rebuild. */
  version: number;
}

interface Ctx {
  rng: Rng;
  data: LeadlexData;
  nameOf: Map<string, { first: string; full: string; company: string; email: string | null }>;
}

const hex8 = (rng: Rng) =>
  Math.floor(rng.next() * 2 ** 32)
    .toString(16)
    .padStart(8, "0");

function newActivityId(rng: Rng, ids: Set<string>): string {
  for (;;) {
    const id = `act_${hex8(rng)}`;
    if (!ids.has(id)) {
      ids.add(id);
      return id;
    }
  }
}

function gaussian(rng: Rng): number {
  const u = Math.max(1e-12, rng.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const secs = (ms: number) => Math.floor(ms / 1000) * 1000;

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

function newDeal(rng: Rng, p: { company: string }): Deal {
  return { id: rng.uuid(), name: `${p.company} — ${rng.pick(T.DEAL_PRODUCTS)}`, stage: rng.int(0, 3) };
}

function pushActivity(
  data: LeadlexData,
  row: Omit<LeadlexActivity, "created_date" | "created_at">,
  ms: number,
  alt: boolean,
): LeadlexActivity {
  const a = row as LeadlexActivity;
  if (alt) a.created_at = isoOf(ms);
  else a.created_date = isoOf(ms);
  const i = data.activities.length;
  data.activities.push(a);
  data.activityMs.push(ms);
  let list = data.byContact.get(a.contact_id);
  if (!list) data.byContact.set(a.contact_id, (list = []));
  list.push(i);
  return a;
}

function sortNewestFirst(data: LeadlexData, list: number[]): void {
  list.sort(
    (x, y) => data.activityMs[y]! - data.activityMs[x]! || (data.activities[y]!.id < data.activities[x]!.id ? -1 : 1),
  );
}

// ---------------------------------------------------------------- campaigns

interface Sequence {
  campaign: LeadlexCampaign;
  launchMs: number;
  subjects: string[];
  /** Per step: the A/B variants, or null when the step is not tested. */
  variants: (string[] | null)[];
}

function generateCampaigns(
  ctx: Ctx,
  contactIds: string[],
  count: number,
  rowBudget: number,
  startMs: number,
  nowMs: number,
): number {
  const { rng, data } = ctx;
  const statuses: LeadlexCampaign["status"][] = ["active", "completed", "paused", "active", "draft"];
  const sequences: Sequence[] = [];
  for (let c = 0; c < count; c++) {
    const steps = rng.int(3, 6);
    const status = statuses[c % statuses.length]!;
    const launchMs = secs(startMs + rng.next() * (nowMs - startMs) * 0.35);
    const campaign: LeadlexCampaign = {
      id: `cmp_${rng.id(6).toLowerCase()}`,
      name:
        T.CAMPAIGN_NAMES[c % T.CAMPAIGN_NAMES.length]! +
        (c >= T.CAMPAIGN_NAMES.length ? ` ${Math.floor(c / T.CAMPAIGN_NAMES.length) + 1}` : ""),
      status,
      steps_count: steps,
      owner_user_id: rng.pick(data.users),
      created_at: isoOf(launchMs - rng.int(1, 10) * DAY),
      updated_date: isoOf(Math.min(nowMs, launchMs + rng.int(1, 30) * DAY)),
    };
    data.campaigns.push(campaign);
    data.campaignCounts.set(campaign.id, { sent: 0, opened: 0, clicked: 0, replied: 0, bounced: 0, unsubscribed: 0 });
    if (status === "draft") continue;
    const subjects = rng.shuffle([...T.STEP_SUBJECTS]).slice(0, steps);
    const variants = Array.from({ length: steps }, () => (rng.chance(0.35) ? ["A", "B"] : null));
    sequences.push({ campaign, launchMs, subjects, variants });
  }
  // Newest campaigns first, as the listing answers.
  data.campaigns.sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  if (sequences.length === 0 || rowBudget <= 0) return 0;

  const queues = sequences.map(() => rng.shuffle([...contactIds]));
  let rows = 0;
  for (let round = 0; rows < rowBudget && round < contactIds.length; round++) {
    for (let s = 0; s < sequences.length && rows < rowBudget; s++) {
      const contactId = queues[s]![round];
      if (contactId !== undefined) rows += runSequence(ctx, sequences[s]!, contactId, nowMs);
    }
  }
  return rows;
}

/** One person's way through a sequence: sends per step until a reply, a bounce, an unsubscribe, the end, or now. */
function runSequence(ctx: Ctx, seq: Sequence, contactId: string, nowMs: number): number {
  const { rng, data } = ctx;
  const who = ctx.nameOf.get(contactId)!;
  const counts = data.campaignCounts.get(seq.campaign.id)!;
  const deal = data.deals.get(contactId);
  let t = secs(seq.launchMs + rng.next() * (nowMs - seq.launchMs) * 0.85);
  let rows = 0;
  for (let step = 1; step <= seq.subjects.length; step++) {
    if (step > 1) t += rng.int(2, 5) * DAY + rng.int(0, 8 * 3600) * 1000;
    if (t > nowMs) break;
    const variant = seq.variants[step - 1] ? rng.pick(seq.variants[step - 1]!) : null;
    const subject = T.fill(seq.subjects[step - 1]!, who);
    const bounceMs = t + rng.int(1, 20) * MIN;
    const bounced = rng.chance(step === 1 ? 0.03 : 0.008) && bounceMs <= nowMs;
    const opened = !bounced && rng.chance(0.55);
    const clicked = opened && rng.chance(0.22);
    const replyMs = t + rng.int(30, 3 * 24 * 60) * MIN;
    const replied = opened && rng.chance(0.11) && replyMs <= nowMs;
    const unsubscribed = opened && !replied && rng.chance(0.012);
    const meta: Record<string, unknown> = { step, subject, opened, clicked, replied, bounced, unsubscribed };
    if (variant) meta.variant = variant;
    const base = {
      contact_id: contactId,
      deal_id: deal && rng.chance(0.3) ? deal.id : null,
      entity_type: "campaign",
      entity_id: seq.campaign.id,
      entity_name: seq.campaign.name,
      created_by_user_id: seq.campaign.owner_user_id,
    };
    pushActivity(
      data,
      {
        id: newActivityId(rng, data.activityIds),
        type: "campaign_sent",
        title: `Sent: ${subject}`,
        description: `Step ${step} of ${seq.campaign.name}`,
        ...base,
        metadata: meta,
      },
      t,
      rng.chance(ALT_SPELLING),
    );
    rows++;
    counts.sent++;
    if (opened) counts.opened++;
    if (clicked) counts.clicked++;
    if (unsubscribed) counts.unsubscribed++;
    if (bounced) {
      const meta2: Record<string, unknown> = {
        step,
        reason: rng.pick(["mailbox_not_found", "domain_not_found", "mailbox_full"]),
      };
      if (variant) meta2.variant = variant;
      pushActivity(
        data,
        {
          id: newActivityId(rng, data.activityIds),
          type: "campaign_bounced",
          title: `Bounced: ${subject}`,
          description: null,
          ...base,
          metadata: meta2,
        },
        bounceMs,
        rng.chance(ALT_SPELLING),
      );
      rows++;
      counts.bounced++;
      break;
    }
    if (replied) {
      const meta2: Record<string, unknown> = {
        step,
        sentiment: rng.pick(["positive", "positive", "neutral", "negative"]),
        subject: `Re: ${subject}`,
      };
      if (variant) meta2.variant = variant;
      pushActivity(
        data,
        {
          id: newActivityId(rng, data.activityIds),
          type: "campaign_replied",
          title: `Replied: Re: ${subject}`,
          description: rng.pick(T.REPLY_BODIES),
          ...base,
          metadata: meta2,
        },
        replyMs,
        rng.chance(ALT_SPELLING),
      );
      rows++;
      counts.replied++;
      break;
    }
    if (unsubscribed) break;
  }
  return rows;
}

// ---------------------------------------------------------------- CRM activities

const CRM_TYPES = [
  "email",
  "call",
  "note",
  "meeting",
  "task",
  "ai_action",
  "deal_stage_change",
  "list_added",
  "website_visit",
] as const;
const CRM_WEIGHTS = [26, 16, 12, 8, 10, 8, 7, 9, 4];

function generateCrmActivities(ctx: Ctx, contactIds: string[], count: number, startMs: number, nowMs: number): void {
  const { rng } = ctx;
  // A few busy contacts and many quiet ones, so some timelines run to several pages.
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < contactIds.length; i++) cumulative.push((sum += Math.exp(1.1 * gaussian(rng))));
  const typeCum: number[] = [];
  let tsum = 0;
  for (const w of CRM_WEIGHTS) typeCum.push((tsum += w));

  for (let n = 0; n < count; n++) {
    const contactId = contactIds[lowerBound(cumulative, rng.next() * sum)]!;
    const type = CRM_TYPES[lowerBound(typeCum, rng.next() * tsum)]!;
    const ms = secs(startMs + rng.next() * (nowMs - startMs));
    crmActivity(ctx, contactId, type, ms);
  }
}

function lowerBound(cum: number[], x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function crmActivity(
  ctx: Ctx,
  contactId: string,
  type: (typeof CRM_TYPES)[number],
  ms: number,
  rng: Rng = ctx.rng,
): LeadlexActivity {
  const { data } = ctx;
  const who = ctx.nameOf.get(contactId) ?? {
    first: "there",
    full: "Unknown contact",
    company: "their company",
    email: null,
  };
  let deal = data.deals.get(contactId);
  if (!deal && type === "deal_stage_change") data.deals.set(contactId, (deal = newDeal(rng, who)));
  const user = rng.pick(data.users);
  const row: Omit<LeadlexActivity, "created_date" | "created_at"> = {
    id: newActivityId(rng, data.activityIds),
    type,
    title: "",
    description: null,
    contact_id: contactId,
    deal_id: deal && (type === "deal_stage_change" || rng.chance(0.4)) ? deal.id : null,
    entity_type: null,
    entity_id: null,
    entity_name: null,
    metadata: {},
    created_by_user_id: user,
  };
  switch (type) {
    case "email": {
      const inbound = rng.chance(0.25);
      const subject = T.fill(rng.pick(T.EMAIL_SUBJECTS), who);
      row.title = `${inbound ? "Received" : "Sent"}: ${subject}`;
      row.description = T.fill(rng.pick(inbound ? T.INBOUND_BODIES : T.EMAIL_BODIES), who);
      row.entity_type = "email";
      row.entity_id = rng.uuid();
      row.entity_name = subject;
      row.metadata = inbound
        ? { subject, direction: "inbound" }
        : { subject, direction: "outbound", opened: rng.chance(0.6), replied: rng.chance(0.15) };
      break;
    }
    case "call": {
      const outcome = rng.pick(["connected", "connected", "voicemail", "no_answer"]);
      const direction = rng.chance(0.8) ? "outbound" : "inbound";
      row.title = `${direction === "outbound" ? "Call with" : "Call from"} ${who.full}`;
      row.description = outcome === "no_answer" ? "No answer." : rng.pick(T.CALL_NOTES);
      row.metadata = {
        duration: outcome === "connected" ? rng.int(60, 1800) : outcome === "voicemail" ? rng.int(15, 60) : 0,
        outcome,
        direction,
      };
      break;
    }
    case "note":
      row.title = "Note added";
      row.description = rng.pick(T.NOTES);
      break;
    case "meeting": {
      const topic = rng.pick(T.MEETING_TOPICS);
      row.title = `Meeting: ${topic}`;
      row.description = `${topic} with ${who.full} (${who.company}).`;
      row.metadata = {
        attendees: [who.email, "sam@leadlex-customer.example"],
        duration_minutes: rng.pick([15, 30, 45, 60]),
        location: rng.pick(["Zoom", "Google Meet", "On site"]),
      };
      break;
    }
    case "task": {
      const taskType = rng.pick(Object.keys(T.TASK_TITLES));
      const title = rng.pick(T.TASK_TITLES[taskType]!);
      row.title = `Task completed: ${title}`;
      row.entity_type = "task";
      row.entity_id = rng.uuid();
      row.entity_name = title;
      row.metadata = { task_type: taskType, status: "completed" };
      break;
    }
    case "ai_action": {
      const action = rng.pick(T.AI_ACTIONS);
      row.title = `AI: ${action.replace(/_/g, " ")}`;
      row.description = action === "scored_lead" ? `Lead score updated for ${who.full}.` : null;
      row.metadata = { action, model: "leadlex-ai-2", confidence: Math.round(rng.next() * 100) / 100 };
      row.created_by_user_id = data.systemUserId;
      break;
    }
    case "deal_stage_change": {
      const d = deal!;
      const from = T.DEAL_STAGES[d.stage]!;
      d.stage = Math.min(T.DEAL_STAGES.length - 1, d.stage + 1);
      const to = T.DEAL_STAGES[d.stage]!;
      row.title = `Deal moved to ${to.replace(/_/g, " ")}`;
      row.entity_type = "deal";
      row.entity_id = d.id;
      row.entity_name = d.name;
      row.metadata = { from_stage: from, to_stage: to };
      break;
    }
    case "list_added": {
      const list = rng.int(0, T.LISTS.length - 1);
      row.title = `Added to list ${T.LISTS[list]}`;
      row.entity_type = "list";
      row.entity_id = `lst_${list + 1}`;
      row.entity_name = T.LISTS[list]!;
      row.metadata = { source: rng.pick(["manual", "automation", "import"]) };
      if (row.metadata.source !== "manual") row.created_by_user_id = data.systemUserId;
      break;
    }
    case "website_visit": {
      const page = rng.pick(T.VISITED_PAGES);
      row.title = `Visited ${page}`;
      row.metadata = { url: `https://www.leadlex-customer.example${page}`, pages_viewed: rng.int(1, 7) };
      row.created_by_user_id = null;
      break;
    }
  }
  return pushActivity(data, row, ms, rng.chance(ALT_SPELLING));
}

// ---------------------------------------------------------------- tasks

const TASK_TYPES = Object.keys(T.TASK_TITLES);

function generateTasks(ctx: Ctx, contactIds: string[], count: number, nowMs: number): void {
  const { data, rng } = ctx;
  for (let n = 0; n < count; n++) {
    const contactId = contactIds.length && rng.chance(0.92) ? rng.pick(contactIds) : null;
    const dueMs = nowMs + Math.round((rng.next() * 60 - 30) * DAY);
    const createdMs = secs(Math.min(nowMs, dueMs) - rng.int(1, 20) * DAY - rng.int(0, 86_399) * 1000);
    const task = buildTask(ctx, contactId, dueMs, createdMs, nowMs, rng);
    data.tasks.push(task);
    data.taskMs.push(createdMs);
  }
  const order = data.tasks
    .map((_, i) => i)
    .sort((a, b) => data.taskMs[b]! - data.taskMs[a]! || (data.tasks[b]!.id < data.tasks[a]!.id ? -1 : 1));
  data.tasks = order.map((i) => data.tasks[i]!);
  data.taskMs = order.map((i) => data.taskMs[i]!);
}

function buildTask(
  ctx: Ctx,
  contactId: string | null,
  dueMs: number,
  createdMs: number,
  nowMs: number,
  rng: Rng,
): LeadlexTask {
  const { data } = ctx;
  const taskType = rng.pick(TASK_TYPES);
  const who = contactId ? ctx.nameOf.get(contactId) : undefined;
  const past = dueMs < nowMs;
  const r = rng.next();
  const status: LeadlexTaskStatus = past
    ? r < 0.5
      ? "completed"
      : r < 0.65
        ? "in_progress"
        : "open"
    : r < 0.75
      ? "open"
      : r < 0.9
        ? "in_progress"
        : "completed";
  const dueKind = rng.next();
  const day = new Date(dueMs).toISOString().slice(0, 10);
  // A date-only due date is a calendar day; a datetime is an appointment during office hours UTC.
  const due_date =
    dueKind < 0.12
      ? null
      : dueKind < 0.57
        ? day
        : `${day}T${String(rng.int(8, 17)).padStart(2, "0")}:${rng.pick(["00", "30"])}:00Z`;
  const deal = contactId ? data.deals.get(contactId) : undefined;
  const task: LeadlexTask = {
    id: rng.uuid(),
    title: rng.pick(T.TASK_TITLES[taskType]!) + (who ? ` — ${who.full}` : ""),
    description: rng.chance(0.6) ? `Context: ${rng.pick(T.NOTES)}` : null,
    status,
    priority: rng.pick(["low", "medium", "medium", "high"] as const),
    task_type: taskType,
    due_date,
    assigned_to_user_id: rng.chance(0.95) ? rng.pick(data.users) : null,
    contact_id: contactId,
    deal_id: deal && rng.chance(0.3) ? deal.id : null,
  };
  if (status === "completed")
    task.completed_date = isoOf(Math.min(nowMs, Math.max(createdMs, dueMs - rng.int(0, 2) * DAY)));
  if (rng.chance(ALT_SPELLING)) task.created_at = isoOf(createdMs);
  else task.created_date = isoOf(createdMs);
  return task;
}

// ---------------------------------------------------------------- contacts

function buildContacts(ctx: Ctx, people: Person[], ids: string[], startMs: number, nowMs: number): void {
  const { data, rng } = ctx;
  const rows: { c: LeadlexContact; created: number }[] = [];
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    const id = ids[i]!;
    const list = data.byContact.get(id);
    // Newest first: the last index is the earliest activity.
    const first = list?.length ? data.activityMs[list[list.length - 1]!]! : nowMs - rng.int(0, 30) * DAY;
    const last = list?.length ? data.activityMs[list[0]!]! : first;
    const created = secs(Math.max(startMs - 90 * DAY, first - rng.int(1, 45) * DAY - rng.int(0, 86_399) * 1000));
    const updated = Math.min(nowMs, Math.max(last, created + rng.int(0, 10) * DAY));
    const c: LeadlexContact = {
      id,
      full_name: `${p.firstName} ${p.lastName}`,
      email: p.email,
      phone: rng.chance(0.85) ? p.phone : null,
      job_title: rng.chance(0.9) ? p.jobTitle : null,
      company_name: p.company,
    };
    if (rng.chance(ALT_SPELLING)) {
      c.created_date = isoOf(created);
      c.updated_at = isoOf(updated);
    } else {
      c.created_at = isoOf(created);
      c.updated_date = isoOf(updated);
    }
    rows.push({ c, created });
  }
  rows.sort((a, b) => a.created - b.created || (a.c.id < b.c.id ? -1 : 1));
  for (const { c } of rows) {
    data.contactIndex.set(c.id, data.contacts.length);
    data.contacts.push(c);
  }
}

// ---------------------------------------------------------------- drift

function touchContact(c: LeadlexContact, ms: number): void {
  if (c.updated_at !== undefined) c.updated_at = isoOf(ms);
  else c.updated_date = isoOf(ms);
}

function driftCtx(data: LeadlexData): Ctx {
  const nameOf: Ctx["nameOf"] = new Map();
  for (const c of data.contacts)
    nameOf.set(c.id, {
      first: c.full_name.split(" ")[0] ?? c.full_name,
      full: c.full_name,
      company: c.company_name ?? "their company",
      email: c.email,
    });
  return { rng: data.drift, data, nameOf };
}

/**
 * Appends `n` new activities created at `now` (page drift): notes, calls and emails on
 * `contactId` or on random contacts, whose `updated_date` moves to `now` as Leadlex does.
 */
export function addLeadlexDriftItems(data: LeadlexData, n: number, now: Date, contactId?: string): LeadlexActivity[] {
  if (data.contacts.length === 0) return [];
  const ctx = driftCtx(data);
  const out: LeadlexActivity[] = [];
  for (let k = 0; k < n; k++) {
    const cid = contactId ?? data.drift.pick(data.contacts).id;
    const a = crmActivity(ctx, cid, data.drift.pick(["note", "call", "email"] as const), now.getTime(), data.drift);
    out.push(a);
    // pushActivity appended it; put it in its place in the newest-first index.
    const list = data.byContact.get(cid)!;
    list.pop();
    insertNewestFirst(data, list, data.activities.length - 1);
    const ci = data.contactIndex.get(cid);
    if (ci !== undefined) touchContact(data.contacts[ci]!, now.getTime());
  }
  data.version++;
  return out;
}

function insertNewestFirst(data: LeadlexData, list: number[], idx: number): void {
  const ms = data.activityMs[idx]!;
  const id = data.activities[idx]!.id;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid]!;
    const mms = data.activityMs[m]!;
    if (mms > ms || (mms === ms && data.activities[m]!.id > id)) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, idx);
}

/** Appends `n` new contacts created at `now` (page drift on the contact listing). */
export function addLeadlexDriftContacts(data: LeadlexData, n: number, now: Date): LeadlexContact[] {
  const out: LeadlexContact[] = [];
  for (let k = 0; k < n; k++) {
    const serial = ++data.driftSerial;
    const first = data.drift.pick(["Alex", "Sam", "Robin", "Charlie", "Jamie"]);
    const last = data.drift.pick(["Newman", "Fresh", "Latecomer", "Novo"]);
    const c: LeadlexContact = {
      id: data.drift.uuid(),
      full_name: `${first} ${last}`,
      email: `${first}.${last}.${serial}@drift.example`.toLowerCase(),
      phone: null,
      job_title: null,
      company_name: "Drift Co",
      created_at: isoOf(now.getTime()),
      updated_date: isoOf(now.getTime()),
    };
    data.contactIndex.set(c.id, data.contacts.length);
    data.contacts.push(c);
    out.push(c);
  }
  data.version++;
  return out;
}

/** Inserts `n` new open tasks created at `now` (page drift on the task listing). */
export function addLeadlexDriftTasks(data: LeadlexData, n: number, now: Date): LeadlexTask[] {
  const ctx = driftCtx(data);
  const out: LeadlexTask[] = [];
  const ms = now.getTime();
  for (let k = 0; k < n; k++) {
    const contactId = data.contacts.length ? data.drift.pick(data.contacts).id : null;
    const task = buildTask(ctx, contactId, ms + data.drift.int(1, 10) * DAY, ms, ms, data.drift);
    // Drift tasks are brand new: open, whatever buildTask drew.
    task.status = "open";
    delete task.completed_date;
    let pos = 0;
    while (pos < data.taskMs.length && data.taskMs[pos]! > ms) pos++;
    data.tasks.splice(pos, 0, task);
    data.taskMs.splice(pos, 0, ms);
    out.push(task);
  }
  data.version++;
  return out;
}
