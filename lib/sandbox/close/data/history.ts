import type { Rng } from "@/lib/sandbox/shared/prng";
import { closeDate, type CloseActivity } from "../records";
import { BODIES } from "../texts";
import type { Accounts } from "./accounts";
import { createGen, type Gen } from "./context";
import { call, note, sms } from "./conversations";
import { emailConversation, outgoingEmailFields } from "./emails";
import { DAY, EMPTY, HOUR, MIN, rid } from "./ids";

/**
 * What a CRM used for years holds beyond the world's period, drawn from their own forks of
 * the generator (so the period's own rows stay as they were):
 * - history older than a year: a fifth of the leads were created one to three years ago
 *   and carry calls, notes, SMS and emails from then (a full backfill must reach them);
 * - emails not sent yet: a sequence's next step `scheduled` for the coming days, a few
 *   `draft` and `outbox` emails — Close keeps their `date_created` when it sends them and
 *   moves `activity_at` to the send time (VENDORS.md "Close").
 */

export function addOldHistory(
  rng: Rng,
  accounts: Accounts,
  main: Gen,
): { acts: CloseActivity[]; threads: CloseActivity[] } {
  const now = main.now;
  // A generator whose "now" is a year and a week ago: everything it makes is older than a year.
  const g = createGen(rng, accounts, now - 372 * DAY, now - 1100 * DAY);
  for (const lc of accounts.leadCtxs) {
    if (lc.contacts.length === 0 || !rng.chance(0.2)) continue;
    const createdMs = now - rng.int(400, 1000) * DAY;
    // The lead, its contacts and its Created activity move back to when it really began.
    lc.createdMs = createdMs;
    lc.lead.date_created = lc.lead.date_updated = closeDate(createdMs);
    for (const cc of lc.contacts) cc.contact.date_created = cc.contact.date_updated = closeDate(createdMs + MIN);
    const createdAct = main.acts.find((a) => a._type === "Created" && a.lead_id === lc.lead.id);
    if (createdAct) createdAct.date_created = createdAct.date_updated = createdAct.activity_at = closeDate(createdMs);
    for (let k = rng.int(2, 6); k > 0; k--) {
      const cc = rng.pick(lc.contacts);
      const r = rng.next();
      if (r < 0.35) call(g, cc);
      else if (r < 0.6) note(g, cc);
      else if (r < 0.7) sms(g, cc);
      else emailConversation(g, cc, null, 0.3);
    }
  }
  return { acts: g.acts, threads: g.threads };
}

export function addUnsentEmails(
  rng: Rng,
  accounts: Accounts,
  main: Gen,
): { acts: CloseActivity[]; threads: CloseActivity[] } {
  const g = createGen(rng, accounts, main.now, main.start);
  const n = Math.min(accounts.contactCtxs.length, Math.max(3, Math.round(accounts.contactCtxs.length / 25)));
  for (let i = 0; i < n; i++) {
    const cc = accounts.pickContactFrom(rng);
    const lc = cc.lead;
    const status = i % 6 === 4 ? "draft" : i % 6 === 5 ? "outbox" : "scheduled";
    const sequence = status === "scheduled" ? rng.pick(accounts.seqDefs) : null;
    const createdMs = g.now - rng.int(1, 48) * HOUR;
    // A scheduled email is due in the coming days; a draft or one in the outbox is dated when written.
    const atMs = status === "scheduled" ? g.now + rng.int(1, 72) * HOUR + rng.int(0, 59) * MIN : createdMs;
    const e = g.base("Email", lc, cc, lc.owner, createdMs, atMs);
    const threadId = rid(rng, "acti_", 43);
    const subject = sequence ? sequence.subject.replace("{company}", lc.lead.name) : "Quick question";
    outgoingEmailFields(g, e, cc, {
      subject: sequence ? `Re: ${subject}` : subject,
      body: BODIES[rng.int(0, BODIES.length - 3)]!,
      messageId: `<${rid(rng, "", 20)}@mail.touchline-demo.example>`,
      inReplyTo: null,
      threadId,
      sequence,
      step: 1,
      subscription: sequence ? rid(rng, "sub_", 22) : null,
    });
    Object.assign(e, {
      status,
      date_sent: null,
      date_scheduled: status === "scheduled" ? e.activity_at : null,
      opens: EMPTY,
      opens_summary: null,
      attachments: EMPTY,
      has_reply: false,
    });
    g.acts.push(e);
    const thread = g.base("EmailThread", lc, cc, lc.owner, createdMs, atMs);
    Object.assign(thread, {
      id: threadId,
      n_emails: 1,
      latest_normalized_subject: subject,
      participants: [g.uc(lc.owner).addr[0], cc.addr[0]],
    });
    g.threads.push(thread);
  }
  return { acts: g.acts, threads: g.threads };
}
