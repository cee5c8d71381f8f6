import { closeDate, type CloseActivity } from "../records";
import { BODIES } from "../texts";
import type { ContactCtx, SequenceDef } from "./accounts";
import type { Gen } from "./context";
import { DAY, EMPTY, HOUR, MIN, rid } from "./ids";

/**
 * Email conversations: a sequence's steps (or one manual email) to a contact, opens after
 * each send, and sometimes a reply, which ends the sequence. Every conversation is also an
 * `EmailThread`, served only with `thread_emails`.
 */

const USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)";
const OPENS_SUMMARY = ["", "Opened 1 time", "Opened 2 times", "Opened 3 times"];

type Addresses = readonly { email: string; name: string }[];

/**
 * An email's sender, recipients and envelope (one person to one person, no copies), for
 * sends and replies alike.
 */
function address(
  e: CloseActivity,
  who: { sender: string | undefined; to: readonly string[]; from: Addresses; toAddr: Addresses },
  m: { subject: string; messageId: string; inReplyTo: string | null },
): void {
  e.sender = who.sender;
  e.to = who.to;
  e.cc = EMPTY;
  e.bcc = EMPTY;
  e.envelope = {
    from: who.from,
    sender: who.from,
    to: who.toAddr,
    cc: EMPTY,
    bcc: EMPTY,
    reply_to: EMPTY,
    subject: m.subject,
    message_id: m.messageId,
    in_reply_to: m.inReplyTo,
    is_autoreply: false,
  };
}

/** The fields of an outgoing Email beyond the common ones (`status` "sent", sent at `activity_at`). */
export function outgoingEmailFields(
  g: Gen,
  e: CloseActivity,
  cc: ContactCtx,
  o: {
    subject: string;
    body: (typeof BODIES)[number];
    messageId: string;
    inReplyTo: string | null;
    threadId: string;
    sequence: SequenceDef | null;
    step: number;
    subscription: string | null;
  },
): void {
  const u = g.uc(cc.lead.owner);
  e.direction = "outgoing";
  e.status = "sent";
  e.subject = o.subject;
  e.body_text = o.body.text;
  e.body_html = o.body.html;
  e.body_preview = o.body.preview;
  address(
    e,
    { sender: u.sender, to: cc.to, from: u.addr, toAddr: cc.addr },
    {
      subject: o.subject,
      messageId: o.messageId,
      inReplyTo: o.inReplyTo,
    },
  );
  e.thread_id = o.threadId;
  e.in_reply_to_id = null;
  e.template_id = o.sequence ? o.sequence.templateIds[o.step] : null;
  e.sequence_id = o.sequence ? o.sequence.id : null;
  e.sequence_name = o.sequence ? o.sequence.name : null;
  e.sequence_subscription_id = o.subscription;
  e.email_account_id = u.emailAccount;
  e.date_sent = e.activity_at;
}

export function emailConversation(g: Gen, cc: ContactCtx, sequence: SequenceDef | null, replyChance: number): number {
  const { rng, acts, now } = g;
  const lc = cc.lead;
  const user = lc.owner;
  const u = g.uc(user);
  const threadId = rid(rng, "acti_", 43);
  const subscription = sequence ? rid(rng, "sub_", 22) : null;
  const subject = sequence ? sequence.subject.replace("{company}", lc.lead.name) : "Following up on our call";
  const reSubject = `Re: ${subject}`;
  const first = acts.length;
  let at = g.episodeStart(lc);
  let prevMessageId: string | null = null;
  const steps = sequence ? sequence.steps : 1;
  for (let step = 0; step < steps && at <= now; step++) {
    const body = BODIES[(step + (sequence ? sequence.bodyOffset : 3)) % (BODIES.length - 2)]!;
    const messageId = `<${rid(rng, "", 20)}@mail.touchline-demo.example>`;
    const created = Math.max(g.start, at - rng.int(1, 600) * 1000);
    const e = g.base("Email", lc, cc, user, created, at);
    let opens: readonly { opened_at: string; opened_by: string; ip_address: string; user_agent: string }[] = EMPTY;
    if (rng.chance(0.45)) {
      const list = [];
      for (let k = rng.int(1, 3); k > 0; k--) list.push(g.after(at + MIN, 3 * DAY));
      list.sort((x, y) => x - y);
      opens = list.map((t) => ({
        opened_at: closeDate(t),
        opened_by: cc.person.email,
        ip_address: `198.51.100.${rng.int(1, 254)}`,
        user_agent: USER_AGENT,
      }));
    }
    outgoingEmailFields(g, e, cc, {
      subject: step === 0 ? subject : reSubject,
      body,
      messageId,
      inReplyTo: prevMessageId,
      threadId,
      sequence,
      step,
      subscription,
    });
    e.opens = opens;
    e.opens_summary = opens.length ? OPENS_SUMMARY[opens.length] : null;
    e.attachments = EMPTY;
    e.has_reply = false;
    acts.push(e);
    prevMessageId = messageId;
    if (rng.chance(replyChance)) {
      // The reply comes after the send (and after an open when there was one).
      const after0 = opens.length ? Date.parse(opens[0]!.opened_at) : at;
      const rAt = g.after(after0 + 5 * MIN, 2 * DAY);
      const r = g.base("Email", lc, cc, user, g.syncedAt(rAt, 0.05), rAt);
      const reply = BODIES[BODIES.length - 1 - rng.int(0, 1)]!;
      r.direction = "incoming";
      r.status = "inbox";
      r.subject = reSubject;
      r.body_text = reply.text;
      r.body_html = reply.html;
      r.body_preview = reply.preview;
      address(
        r,
        { sender: cc.to[0], to: [u.sender], from: cc.addr, toAddr: u.addr },
        {
          subject: reSubject,
          messageId: `<${rid(rng, "", 20)}@${cc.person.companyDomain}>`,
          inReplyTo: messageId,
        },
      );
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
  const thread = g.base("EmailThread", lc, cc, user, Date.parse(firstEmail.date_created), Date.parse(last.activity_at));
  thread.id = threadId;
  thread.n_emails = n;
  thread.latest_normalized_subject = subject;
  thread.participants = [u.addr[0], cc.addr[0]];
  g.threads.push(thread);
  return n;
}

/** What `thread_emails=true` and `EmailThread.emails` carry: an Email without its bodies. */
export function stripEmail(e: CloseActivity): CloseActivity {
  const { body_text: _t, body_html: _h, envelope: _e, opens: _o, attachments: _a, ...rest } = e;
  return rest as CloseActivity;
}
