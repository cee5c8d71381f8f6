import type { Rng } from "@/lib/sandbox/shared/prng";
import { peopleOf, shareOf, type Person, type World } from "@/lib/sandbox/shared/world";
import {
  closeDate,
  type CloseActivity,
  type CloseContact,
  type CloseLead,
  type CloseTask,
  type CloseUser,
} from "./records";
import {
  BODIES,
  CALL_NOTES,
  CUSTOM_TYPES,
  LEAD_STATUSES,
  MEETING_TITLES,
  NOTES,
  OPP_STATUSES,
  SEQUENCES,
  SMS_TEXTS,
  TASK_TEXTS,
  USERS,
  WHATSAPP_TEXTS,
} from "./texts";

/**
 * Deterministic Close account for a world: one lead per company (Close leads are
 * companies), a contact per person of the company, and the activities and tasks of
 * a CRM used by four reps. Activities are spread over [now − days, now]; some were
 * synced into Close later than they happened (`date_created` after `activity_at`),
 * meetings are created before they start, and a few notes carry hostile HTML.
 */
export interface CloseData {
  organization: { id: string; name: string };
  users: CloseUser[];
  leads: CloseLead[];
  contacts: CloseContact[];
  /** Ascending by `date_created`, then id (Close date strings sort chronologically). */
  activities: CloseActivity[];
  /** `EmailThread` objects, served only with `thread_emails`; ascending like `activities`. */
  threads: CloseActivity[];
  /** Ascending by `date_created`, then id. */
  tasks: CloseTask[];
  sequences: { id: string; name: string }[];
  customActivityTypes: { id: string; name: string }[];
  /** Source of page-drift items, so that drift is deterministic too. */
  driftRng: Rng;
}

const MIN = 60_000;
const EMPTY: readonly never[] = Object.freeze([]);
const USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)";
const OPENS_SUMMARY = ["", "Opened 1 time", "Opened 2 times", "Opened 3 times"];
const HOUR = 3_600_000;
const DAY = 86_400_000;

interface ContactCtx {
  contact: CloseContact;
  person: Person;
  lead: LeadCtx;
  /** Shared, frozen pieces of the email envelopes (one per contact, not per email). */
  addr: readonly { email: string; name: string }[];
  to: readonly string[];
}
interface UserCtx {
  name: string;
  addr: readonly { email: string; name: string }[];
  sender: string;
  ids: readonly string[];
  phone: string;
  emailAccount: string;
}
interface LeadCtx {
  lead: CloseLead;
  createdMs: number;
  owner: CloseUser;
  contacts: ContactCtx[];
  statusChanges: { a: CloseActivity; at: number }[];
  oppChanges: { a: CloseActivity; at: number }[];
  opportunityId: string;
  opportunityValue: number;
}

export function generateCloseData(world: World): CloseData {
  const rng = world.rng.fork("close");
  const now = world.options.now.getTime();
  const start = now - world.options.days * DAY;
  const span = now - start;
  const people = peopleOf(world, "close");

  const organization = { id: rid(rng, "orga_", 43), name: "Touchline Demo Sales" };
  const users: CloseUser[] = USERS.map(([first_name, last_name]) => ({
    id: rid(rng, "user_", 43),
    first_name,
    last_name,
    email: `${first_name.toLowerCase()}.${last_name.toLowerCase()}@touchline-demo.example`,
  }));
  const userName = (u: CloseUser) => `${u.first_name} ${u.last_name}`;
  const statusIds = LEAD_STATUSES.map(() => rid(rng, "stat_", 43));
  const oppStatusIds = OPP_STATUSES.map(() => rid(rng, "stat_", 43));
  const seqDefs = SEQUENCES.map((s) => ({
    ...s,
    id: rid(rng, "seq_", 22),
    templateIds: Array.from({ length: s.steps }, () => rid(rng, "tmpl_", 22)),
  }));
  const sequences = seqDefs.map((s) => ({ id: s.id, name: s.name }));
  const customActivityTypes = CUSTOM_TYPES.map((name) => ({ id: rid(rng, "actitype_", 22), name }));
  const emailAccounts = users.map(() => rid(rng, "emailacct_", 43));

  // Leads and contacts, in the order people appear (deterministic).
  const leadsByCompany = new Map<string, LeadCtx>();
  const contactCtxs: ContactCtx[] = [];
  for (const person of people) {
    let lc = leadsByCompany.get(person.company);
    if (!lc) {
      // Leads are created early in the period, so their history fits after creation.
      const createdMs = Math.floor(start + rng.next() * 0.35 * span);
      const owner = rng.pick(users);
      const lead: CloseLead = {
        id: rid(rng, "lead_", 43),
        name: person.company,
        display_name: person.company,
        description: "",
        url: `https://www.${person.companyDomain}`,
        status_id: statusIds[0]!,
        status_label: LEAD_STATUSES[0]!,
        organization_id: organization.id,
        date_created: closeDate(createdMs),
        date_updated: closeDate(createdMs),
        created_by: owner.id,
        updated_by: owner.id,
      };
      lc = {
        lead,
        createdMs,
        owner,
        contacts: [],
        statusChanges: [],
        oppChanges: [],
        opportunityId: rid(rng, "oppo_", 43),
        opportunityValue: rng.int(20, 400) * 10_000,
      };
      leadsByCompany.set(person.company, lc);
    }
    const cMs = lc.createdMs + rng.int(0, 30) * MIN;
    const digits = person.phone.replace(/[^\d+]/g, "");
    const contact: CloseContact = {
      id: rid(rng, "cont_", 43),
      lead_id: lc.lead.id,
      organization_id: organization.id,
      name: `${person.firstName} ${person.lastName}`,
      display_name: `${person.firstName} ${person.lastName}`,
      title: person.jobTitle,
      // The world's email exactly as given (a few have capitals on purpose).
      emails: [{ email: person.email, type: "office" }],
      phones: [{ phone: digits, phone_formatted: person.phone, type: rng.chance(0.7) ? "mobile" : "office" }],
      urls: [{ url: person.linkedinUrl, type: "url" }],
      date_created: closeDate(cMs),
      date_updated: closeDate(cMs),
      created_by: lc.owner.id,
      updated_by: lc.owner.id,
    };
    const name = contact.name;
    const ctx: ContactCtx = {
      contact,
      person,
      lead: lc,
      addr: Object.freeze([Object.freeze({ email: person.email, name })]),
      to: Object.freeze([`"${name}" <${person.email}>`]),
    };
    lc.contacts.push(ctx);
    contactCtxs.push(ctx);
  }
  const leadCtxs = [...leadsByCompany.values()];

  // Some contacts are far busier than others.
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < contactCtxs.length; i++) {
    total += 0.2 + rng.next() ** 2 * 4;
    cumulative.push(total);
  }
  const pickContact = (): ContactCtx => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return contactCtxs[lo]!;
  };

  // Sub-objects that repeat across rows are shared (and frozen): a million rows stay small.
  const userCtx = new Map<CloseUser, UserCtx>(
    users.map((u, i) => [
      u,
      {
        name: userName(u),
        addr: Object.freeze([Object.freeze({ email: u.email, name: userName(u) })]),
        sender: `"${userName(u)}" <${u.email}>`,
        ids: Object.freeze([u.id]),
        phone: `+3318${String(i).padStart(7, "0")}`,
        emailAccount: emailAccounts[i]!,
      },
    ]),
  );
  const uc = (u: CloseUser) => userCtx.get(u)!;

  const acts: CloseActivity[] = [];
  const threads: CloseActivity[] = [];
  const base = (
    type: string,
    lc: LeadCtx,
    cc: ContactCtx | null,
    user: CloseUser | null,
    createdMs: number,
    atMs: number,
  ): CloseActivity => {
    const created = closeDate(createdMs);
    const at = atMs === createdMs ? created : closeDate(atMs);
    return {
      id: rid(rng, "acti_", 43),
      _type: type,
      lead_id: lc.lead.id,
      contact_id: cc ? cc.contact.id : null,
      user_id: user ? user.id : null,
      user_name: user ? uc(user).name : null,
      organization_id: organization.id,
      date_created: created,
      // Upcoming meetings were last touched when created, not in the future.
      date_updated: atMs > createdMs && atMs <= now ? at : created,
      activity_at: at,
      created_by: user ? user.id : null,
      updated_by: user ? user.id : null,
      users: user ? uc(user).ids : EMPTY,
    };
  };
  /** A time up to `maxDelay` after `from`, before `now` (drawn again within what is left when it would pass it). */
  const after = (from: number, maxDelay: number) => {
    const t = from + Math.floor(rng.next() * maxDelay);
    return t < now ? t : Math.min(now, from + Math.floor(rng.next() * Math.max(0, now - from)));
  };
  const episodeStart = (lc: LeadCtx) => {
    const lo = Math.max(start, lc.createdMs + HOUR);
    return Math.floor(lo + rng.next() * Math.max(0, now - lo));
  };
  /** Most items land in Close within seconds; a share is synced hours or days later. */
  const syncedAt = (atMs: number, lateShare: number) =>
    rng.chance(lateShare) ? after(atMs, rng.int(1, 96) * HOUR) : after(atMs, rng.int(0, 20) * 1000);

  const phoneOf = (cc: ContactCtx) => cc.contact.phones[0]!.phone;
  const localPhone = (u: CloseUser) => uc(u).phone;

  function emailConversation(cc: ContactCtx, sequence: (typeof seqDefs)[number] | null, replyChance: number): number {
    const lc = cc.lead;
    const user = lc.owner;
    const u = uc(user);
    const threadId = rid(rng, "acti_", 43);
    const subscription = sequence ? rid(rng, "sub_", 22) : null;
    const subject = sequence ? sequence.subject.replace("{company}", lc.lead.name) : "Following up on our call";
    const reSubject = `Re: ${subject}`;
    const first = acts.length;
    let at = episodeStart(lc);
    let prevMessageId: string | null = null;
    const steps = sequence ? sequence.steps : 1;
    for (let step = 0; step < steps && at <= now; step++) {
      const body = BODIES[(step + (sequence ? sequence.bodyOffset : 3)) % (BODIES.length - 2)]!;
      const messageId = `<${rid(rng, "", 20)}@mail.touchline-demo.example>`;
      const created = Math.max(start, at - rng.int(1, 600) * 1000);
      const e = base("Email", lc, cc, user, created, at);
      let opens: readonly { opened_at: string; opened_by: string; ip_address: string; user_agent: string }[] = EMPTY;
      if (rng.chance(0.45)) {
        const list = [];
        for (let k = rng.int(1, 3); k > 0; k--) list.push(after(at + MIN, 3 * DAY));
        list.sort((x, y) => x - y);
        opens = list.map((t) => ({
          opened_at: closeDate(t),
          opened_by: cc.person.email,
          ip_address: `198.51.100.${rng.int(1, 254)}`,
          user_agent: USER_AGENT,
        }));
      }
      const subj = step === 0 ? subject : reSubject;
      e.direction = "outgoing";
      e.status = "sent";
      e.subject = subj;
      e.body_text = body.text;
      e.body_html = body.html;
      e.body_preview = body.preview;
      e.sender = u.sender;
      e.to = cc.to;
      e.cc = EMPTY;
      e.bcc = EMPTY;
      e.envelope = {
        from: u.addr,
        sender: u.addr,
        to: cc.addr,
        cc: EMPTY,
        bcc: EMPTY,
        reply_to: EMPTY,
        subject: subj,
        message_id: messageId,
        in_reply_to: prevMessageId,
        is_autoreply: false,
      };
      e.thread_id = threadId;
      e.in_reply_to_id = null;
      e.template_id = sequence ? sequence.templateIds[step] : null;
      e.sequence_id = sequence ? sequence.id : null;
      e.sequence_name = sequence ? sequence.name : null;
      e.sequence_subscription_id = subscription;
      e.email_account_id = u.emailAccount;
      e.date_sent = e.activity_at;
      e.opens = opens;
      e.opens_summary = opens.length ? OPENS_SUMMARY[opens.length] : null;
      e.attachments = EMPTY;
      e.has_reply = false;
      acts.push(e);
      prevMessageId = messageId;
      if (rng.chance(replyChance)) {
        // The reply comes after the send (and after an open when there was one).
        const after0 = opens.length ? Date.parse(opens[0]!.opened_at) : at;
        const rAt = after(after0 + 5 * MIN, 2 * DAY);
        const r = base("Email", lc, cc, user, syncedAt(rAt, 0.05), rAt);
        const reply = BODIES[BODIES.length - 1 - rng.int(0, 1)]!;
        r.direction = "incoming";
        r.status = "inbox";
        r.subject = reSubject;
        r.body_text = reply.text;
        r.body_html = reply.html;
        r.body_preview = reply.preview;
        r.sender = cc.to[0];
        r.to = [u.sender];
        r.cc = EMPTY;
        r.bcc = EMPTY;
        r.envelope = {
          from: cc.addr,
          sender: cc.addr,
          to: u.addr,
          cc: EMPTY,
          bcc: EMPTY,
          reply_to: EMPTY,
          subject: reSubject,
          message_id: `<${rid(rng, "", 20)}@${cc.person.companyDomain}>`,
          in_reply_to: messageId,
          is_autoreply: false,
        };
        r.thread_id = threadId;
        r.in_reply_to_id = e.id;
        r.template_id = null;
        r.sequence_id = sequence ? sequence.id : null;
        r.sequence_name = sequence ? sequence.name : null;
        r.sequence_subscription_id = subscription;
        r.email_account_id = u.emailAccount;
        r.date_sent = null;
        r.opens = EMPTY;
        r.opens_summary = null;
        r.attachments = EMPTY;
        r.has_reply = false;
        e.has_reply = true;
        acts.push(r);
        break; // a reply ends the sequence
      }
      at += rng.int(2, 5) * DAY + rng.int(0, 8) * HOUR;
    }
    const n = acts.length - first;
    if (n === 0) return 0;
    const firstEmail = acts[first]!;
    const last = acts[acts.length - 1]!;
    // The thread's `emails` are attached by the simulator when it serves a thread.
    const thread = base("EmailThread", lc, cc, user, Date.parse(firstEmail.date_created), Date.parse(last.activity_at));
    thread.id = threadId;
    thread.n_emails = n;
    thread.latest_normalized_subject = subject;
    thread.participants = [u.addr[0], cc.addr[0]];
    threads.push(thread);
    return n;
  }

  function call(cc: ContactCtx): void {
    const lc = cc.lead;
    const user = rng.chance(0.8) ? lc.owner : rng.pick(users);
    const at = episodeStart(lc);
    const inbound = rng.chance(0.2);
    const disposition = inbound
      ? rng.pick(["answered", "answered", "vm-left"] as const)
      : rng.pick(["answered", "answered", "no-answer", "vm-left", "busy"] as const);
    const duration = disposition === "answered" ? rng.int(40, 1800) : disposition === "vm-left" ? rng.int(15, 60) : 0;
    // Calls logged by an external dialer reach Close hours or days later.
    const a = base("Call", lc, cc, user, syncedAt(at, 0.15), at);
    Object.assign(a, {
      direction: inbound ? "inbound" : "outbound",
      status: "completed",
      disposition,
      duration,
      note: disposition === "answered" ? rng.pick(CALL_NOTES) : "",
      phone: phoneOf(cc),
      local_phone: localPhone(user),
      remote_phone: phoneOf(cc),
      source: rng.chance(0.15) ? "External" : "Close.io",
      recording_url:
        disposition === "answered" && rng.chance(0.5)
          ? `https://api.close.com/api/v1/activity/call/${a.id}/recording/`
          : null,
      voicemail_url: disposition === "vm-left" ? `https://api.close.com/api/v1/activity/call/${a.id}/voicemail/` : null,
      voicemail_duration: disposition === "vm-left" ? duration : 0,
    });
    acts.push(a);
  }

  function sms(cc: ContactCtx): void {
    const lc = cc.lead;
    const inbound = rng.chance(0.35);
    const at = episodeStart(lc);
    const a = base("SMS", lc, cc, lc.owner, syncedAt(at, 0.02), at);
    Object.assign(a, {
      direction: inbound ? "inbound" : "outbound",
      status: inbound ? "inbox" : "sent",
      text: rng.pick(SMS_TEXTS),
      local_phone: localPhone(lc.owner),
      remote_phone: phoneOf(cc),
      attachments: EMPTY,
      template_id: null,
      date_sent: inbound ? null : closeDate(at),
    });
    acts.push(a);
  }

  function meeting(cc: ContactCtx): void {
    const lc = cc.lead;
    // Most meetings are past; some are upcoming (scheduled now, starting within two weeks).
    const upcoming = rng.chance(0.12);
    const startsAt = upcoming ? now + rng.int(1, 14 * 24) * HOUR : episodeStart(lc);
    const created = Math.min(
      now - rng.int(1, 3600) * 1000,
      Math.max(start, lc.createdMs, startsAt - rng.int(1, 10) * DAY),
    );
    const minutes = rng.pick([30, 45, 60]);
    const a = base("Meeting", lc, cc, lc.owner, created, startsAt);
    const canceled = !upcoming && rng.chance(0.08);
    Object.assign(a, {
      title: rng.pick(MEETING_TITLES).replace("{company}", lc.lead.name),
      starts_at: closeDate(startsAt),
      ends_at: closeDate(startsAt + minutes * MIN),
      duration: minutes * 60,
      location: rng.chance(0.7) ? "Google Meet" : `${lc.lead.name} office`,
      note: "",
      status: upcoming ? "upcoming" : canceled ? "canceled" : "completed",
      source: "calendar",
      attendees: [
        {
          email: lc.owner.email,
          name: userName(lc.owner),
          contact_id: null,
          user_id: lc.owner.id,
          status: "yes",
          is_organizer: true,
        },
        {
          email: cc.person.email,
          name: cc.contact.name,
          contact_id: cc.contact.id,
          user_id: null,
          status: rng.pick(["yes", "yes", "maybe", "noreply"]),
          is_organizer: false,
        },
      ],
    });
    acts.push(a);
  }

  function note(cc: ContactCtx): void {
    const lc = cc.lead;
    const at = episodeStart(lc);
    const n = rng.pick(NOTES);
    // Imported or back-dated notes: created in Close later than the moment they describe.
    const a = base("Note", lc, rng.chance(0.85) ? cc : null, rng.pick(users), syncedAt(at, 0.1), at);
    Object.assign(a, {
      title: null,
      note: n.text.replace("{name}", cc.contact.name),
      note_html: n.html.replace("{name}", cc.contact.name),
      pinned: false,
      attachments: EMPTY,
    });
    acts.push(a);
  }

  function whatsapp(cc: ContactCtx): void {
    const lc = cc.lead;
    const inbound = rng.chance(0.4);
    const at = episodeStart(lc);
    const a = base("WhatsAppMessage", lc, cc, lc.owner, syncedAt(at, 0.05), at);
    Object.assign(a, {
      direction: inbound ? "incoming" : "outgoing",
      message_markdown: rng.pick(WHATSAPP_TEXTS),
      whatsapp_message_id: rid(rng, "wamid.", 30),
      external_whatsapp_message_id: rid(rng, "wamid.", 30),
      integration_link: "https://app.timelines.ai/chat/",
      local_phone: localPhone(lc.owner),
      remote_phone: phoneOf(cc),
      response_to_id: null,
      attachments: EMPTY,
    });
    acts.push(a);
  }

  function leadStatusChange(lc: LeadCtx): void {
    const at = episodeStart(lc);
    const user = rng.pick(users);
    const a = base("LeadStatusChange", lc, null, user, syncedAt(at, 0), at);
    lc.statusChanges.push({ a, at });
    acts.push(a);
  }

  function opportunityStatusChange(lc: LeadCtx): void {
    const at = episodeStart(lc);
    const a = base("OpportunityStatusChange", lc, null, lc.owner, syncedAt(at, 0), at);
    lc.oppChanges.push({ a, at });
    acts.push(a);
  }

  function custom(cc: ContactCtx): void {
    const lc = cc.lead;
    const at = episodeStart(lc);
    const type = rng.pick(customActivityTypes);
    const a = base("Custom", lc, cc, rng.pick(users), syncedAt(at, 0.2), at);
    Object.assign(a, {
      custom_activity_type_id: type.id,
      status: "published",
      pinned: false,
      "custom.cf_outcome": rng.pick(["Positive", "Neutral", "Negative"]),
      "custom.cf_summary": `${type.name} with ${cc.contact.name}`,
    });
    acts.push(a);
  }

  // Every lead starts with its Created activity.
  for (const lc of leadCtxs) {
    const a = base("Created", lc, null, lc.owner, lc.createdMs, lc.createdMs);
    Object.assign(a, { source: rng.pick(["ui", "api", "import"]), import_id: null });
    acts.push(a);
  }

  // Tasks first: completed ones leave a TaskCompleted activity.
  const tasks = generateTasks();

  const target = shareOf(world, "close", "activities");
  // Bounded: every episode adds at least one activity except an email episode that starts past now.
  for (let guard = 0; acts.length < target && guard < target * 4 && contactCtxs.length > 0; guard++) {
    const cc = pickContact();
    const r = rng.next();
    // About half of the rows are emails (sequences send 3–5), the rest calls, notes, etc.
    if (r < 0.18) emailConversation(cc, rng.pick(seqDefs), 0.06);
    else if (r < 0.26) emailConversation(cc, null, 0.1);
    else if (r < 0.5) call(cc);
    else if (r < 0.56) sms(cc);
    else if (r < 0.61) meeting(cc);
    else if (r < 0.76) note(cc);
    else if (r < 0.83) whatsapp(cc);
    else if (r < 0.9) leadStatusChange(cc.lead);
    else if (r < 0.95) opportunityStatusChange(cc.lead);
    else custom(cc);
  }

  // Status changes form a chain per lead, in the order they happened.
  for (const lc of leadCtxs) {
    lc.statusChanges.sort((x, y) => x.at - y.at);
    let cur = 0;
    for (const { a } of lc.statusChanges) {
      const next = (cur + 1 + rng.int(0, LEAD_STATUSES.length - 2)) % LEAD_STATUSES.length;
      Object.assign(a, {
        old_status_id: statusIds[cur],
        old_status_label: LEAD_STATUSES[cur],
        new_status_id: statusIds[next],
        new_status_label: LEAD_STATUSES[next],
      });
      cur = next;
    }
    lc.lead.status_id = statusIds[cur]!;
    lc.lead.status_label = LEAD_STATUSES[cur]!;
    lc.oppChanges.sort((x, y) => x.at - y.at);
    let oc = 0;
    for (const { a } of lc.oppChanges) {
      const next = (oc + 1 + rng.int(0, OPP_STATUSES.length - 2)) % OPP_STATUSES.length;
      const value = lc.opportunityValue;
      Object.assign(a, {
        opportunity_id: lc.opportunityId,
        old_status_id: oppStatusIds[oc],
        old_status_label: OPP_STATUSES[oc]!.label,
        old_status_type: OPP_STATUSES[oc]!.type,
        new_status_id: oppStatusIds[next],
        new_status_label: OPP_STATUSES[next]!.label,
        new_status_type: OPP_STATUSES[next]!.type,
        opportunity_value: value,
        opportunity_value_currency: "EUR",
        opportunity_value_formatted: `€${(value / 100).toLocaleString("en-US")}`,
        opportunity_value_period: "one_time",
        opportunity_confidence: OPP_STATUSES[next]!.type === "won" ? 100 : OPP_STATUSES[next]!.type === "lost" ? 0 : 50,
      });
      oc = next;
    }
  }

  function generateTasks(): CloseTask[] {
    const out: CloseTask[] = [];
    const n = contactCtxs.length ? shareOf(world, "close", "tasks") : 0;
    const typeWeights: [CloseTask["_type"], number][] = [
      ["lead", 0.4],
      ["incoming_email", 0.12],
      ["email_followup", 0.12],
      ["missed_call", 0.1],
      ["answered_detached_call", 0.04],
      ["voicemail", 0.07],
      ["opportunity_due", 0.08],
      ["incoming_sms", 0.07],
    ];
    for (let i = 0; i < n; i++) {
      const cc = pickContact();
      const lc = cc.lead;
      let x = rng.next();
      let type: string = "lead";
      for (const [t, w] of typeWeights) {
        if (x < w) {
          type = t;
          break;
        }
        x -= w;
      }
      const user = rng.chance(0.75) ? lc.owner : rng.pick(users);
      const shape = rng.next();
      const dateless = type === "lead" && shape < 0.15;
      const dateOnly = !dateless && shape < 0.65;
      let dueMs: number | null = null;
      let date: string | null = null;
      if (!dateless) {
        dueMs = now + Math.floor((rng.next() * 60 - 30) * DAY);
        if (dateOnly) {
          date = new Date(dueMs).toISOString().slice(0, 10);
          dueMs = Date.parse(date);
        } else {
          dueMs = Math.floor(dueMs / (15 * MIN)) * 15 * MIN;
          date = closeDate(dueMs);
        }
      }
      const createdHi = Math.min(now, dueMs ?? now);
      const createdLo = Math.max(lc.createdMs, createdHi - 20 * DAY);
      const createdMs = Math.floor(createdLo + rng.next() * Math.max(0, createdHi - createdLo));
      const complete = dueMs === null ? rng.chance(0.2) : dueMs < now ? rng.chance(0.55) : rng.chance(0.08);
      const withContact = type !== "lead" || rng.chance(0.75);
      const text = rng
        .pick(TASK_TEXTS[type] ?? TASK_TEXTS.lead!)
        .replace("{name}", cc.contact.name)
        .replace("{company}", lc.lead.name);
      const completedMs = complete
        ? Math.max(
            createdMs,
            Math.min(
              now - rng.int(1, 3600) * 1000,
              Math.max(createdMs + HOUR, (dueMs ?? createdMs) + rng.int(-24, 48) * HOUR),
            ),
          )
        : null;
      const t: CloseTask = {
        id: rid(rng, "task_", 43),
        _type: type,
        organization_id: organization.id,
        lead_id: lc.lead.id,
        lead_name: lc.lead.name,
        contact_id: withContact ? cc.contact.id : null,
        contact_name: withContact ? cc.contact.name : null,
        assigned_to: user.id,
        assigned_to_name: userName(user),
        created_by: user.id,
        created_by_name: userName(user),
        text,
        date,
        due_date: date,
        is_complete: complete,
        is_dateless: dateless,
        view: complete ? "archive" : dueMs !== null && dueMs > now ? "future" : "inbox",
        object_id: null,
        object_type: type === "opportunity_due" ? "opportunity" : null,
        date_created: closeDate(createdMs),
        date_updated: closeDate(completedMs ?? createdMs),
      };
      if (type === "opportunity_due") t.object_id = lc.opportunityId;
      out.push(t);
      if (completedMs !== null) {
        const a = base("TaskCompleted", lc, withContact ? cc : null, user, completedMs, completedMs);
        Object.assign(a, {
          task_id: t.id,
          task_text: t.text,
          task_assigned_to: user.id,
          task_assigned_to_name: userName(user),
        });
        acts.push(a);
      }
    }
    return sortByCreated(out);
  }

  const contacts = sortByCreated(contactCtxs.map((c) => c.contact));
  const leads = sortByCreated(leadCtxs.map((l) => l.lead));
  return {
    organization,
    users,
    leads,
    contacts,
    activities: sortByCreated(acts),
    threads: sortByCreated(threads),
    tasks,
    sequences,
    customActivityTypes,
    driftRng: rng.fork("drift"),
  };
}

/** What `thread_emails=true` and `EmailThread.emails` carry: an Email without its bodies. */
export function stripEmail(e: CloseActivity): CloseActivity {
  const { body_text: _t, body_html: _h, envelope: _e, opens: _o, attachments: _a, ...rest } = e;
  return rest as CloseActivity;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A Close-style id (`acti_` + random chars). Built as one flat string: `Rng.id` grows
 * its result by `+=`, which V8 keeps as a rope of 40-odd nodes per id (a kilobyte each).
 */
function rid(rng: Rng, prefix: string, len: number): string {
  const codes = new Array<number>(prefix.length + len);
  for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = 0; i < len; i++)
    codes[prefix.length + i] = ALPHABET.charCodeAt(Math.floor(rng.next() * ALPHABET.length));
  return String.fromCharCode(...codes);
}

function sortByCreated<T extends { date_created: string; id: string }>(rows: T[]): T[] {
  // Close date strings share one format and offset, so string order is time order.
  return rows.sort((a, b) =>
    a.date_created < b.date_created ? -1 : a.date_created > b.date_created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** Position where `row` keeps `rows` sorted ascending by (date_created, id). */
export function insertionIndex(
  rows: { date_created: string; id: string }[],
  row: { date_created: string; id: string },
): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = rows[mid]!;
    if (m.date_created < row.date_created || (m.date_created === row.date_created && m.id < row.id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Appends `n` new activities created at `now` (a call, a note or an outgoing email to
 * an existing contact), keeping `data.activities` sorted. Returns them, for indexes.
 */
export function addCloseDriftItems(data: CloseData, n: number, now: Date): CloseActivity[] {
  const rng = data.driftRng;
  const out: CloseActivity[] = [];
  if (data.contacts.length === 0) return out;
  const ms = now.getTime();
  for (let i = 0; i < n; i++) {
    const c = rng.pick(data.contacts);
    const u = rng.pick(data.users);
    const kind = rng.pick(["Call", "Note", "Email"] as const);
    const a: CloseActivity = {
      id: rid(rng, "acti_", 43),
      _type: kind,
      lead_id: c.lead_id,
      contact_id: c.id,
      user_id: u.id,
      user_name: `${u.first_name} ${u.last_name}`,
      organization_id: data.organization.id,
      date_created: closeDate(ms),
      date_updated: closeDate(ms),
      activity_at: closeDate(ms),
      created_by: u.id,
      updated_by: u.id,
      users: [u.id],
    };
    if (kind === "Call")
      Object.assign(a, {
        direction: "outbound",
        status: "completed",
        disposition: "answered",
        duration: rng.int(30, 600),
        note: "Quick check-in call.",
        phone: c.phones[0]?.phone ?? null,
      });
    else if (kind === "Note")
      Object.assign(a, {
        title: null,
        note: "Added while a sync was running.",
        note_html: "<p>Added while a sync was running.</p>",
        pinned: false,
        attachments: EMPTY,
      });
    else
      Object.assign(a, {
        direction: "outgoing",
        status: "sent",
        subject: "Checking in",
        body_text: "Hi, just checking in on my last note.",
        body_html: "<p>Hi, just checking in on my last note.</p>",
        body_preview: "Hi, just checking in on my last note.",
        to: [c.emails[0]?.email ?? ""],
        thread_id: rid(rng, "acti_", 43),
        sequence_id: null,
        sequence_name: null,
        opens: [],
        attachments: EMPTY,
      });
    data.activities.splice(insertionIndex(data.activities, a), 0, a);
    out.push(a);
  }
  return out;
}
