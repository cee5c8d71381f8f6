import * as T from "../text";
import type { StepDef } from "./campaigns";
import type { LeadRun } from "./lead-run";
import { DAY, HOUR, MIN } from "./time";

/**
 * An email step: the send (or a failure), bot opens and clicks, a person's opens and
 * click, and sometimes a bounce, a reply (which ends the sequence, often with an
 * interested or not-interested mark) or an unsubscribe.
 */
export function emailStep(run: LeadRun, step: StepDef): void {
  const { g, ctx, vars } = run;
  const { rng, now } = g;
  const { plan } = ctx;
  if (rng.chance(0.004)) {
    run.emit(run.t, rng.chance(0.5) ? "emailsFailed" : "emailsSendFailed", step);
    return;
  }
  if (rng.chance(0.004)) {
    run.emit(run.t, "sendLimitReached", step);
    run.t += DAY;
    if (run.t > now) return;
  }
  const t = run.t;
  const subjectT = (ctx.variant === "B" && step.abTested ? T.SUBJECTS_B : T.SUBJECTS_A)[
    step.emailNumber % T.SUBJECTS_A.length
  ]!;
  const subject = T.fill(subjectT, vars);
  const body = T.fill(T.BODIES[step.emailNumber % T.BODIES.length]!, vars);
  const send = run.emit(t, "emailsSent", step);
  send.emailSubject = subject;
  send.emailPreview = body.replace(/\s+/g, " ").slice(0, 140);
  send.text = body;
  send.messageId = `<${rng.id(24)}@mail.lemlist.com>`;
  if (t <= now) g.sends.push(send);
  run.agg(t, "contacted");
  if (rng.chance(step.emailNumber === 0 ? 0.035 : 0.006)) {
    const b = run.emit(t + rng.int(1, 30) * MIN, "emailsBounced", step);
    b.relatedSentAt = send.createdAt;
    run.stopped = true;
    return;
  }
  if (rng.chance(0.04)) {
    const b = run.emit(t + rng.int(3, 120) * 1000, "emailsOpened", step);
    b.bot = true;
    b.relatedSentAt = send.createdAt;
    if (rng.chance(0.3)) {
      const bc = run.emit(t + rng.int(5, 180) * 1000, "emailsClicked", step);
      bc.bot = true;
      bc.relatedSentAt = send.createdAt;
    }
  }
  let firstOpen = -1;
  if (rng.chance(0.55)) {
    let to = t + rng.int(2, 60) * MIN + rng.next() ** 2 * 48 * HOUR;
    firstOpen = to;
    for (let k = 0; k < 5; k++) {
      run.emit(to, "emailsOpened", step).relatedSentAt = send.createdAt;
      if (!rng.chance(0.35)) break;
      to += rng.int(5, 60) * MIN + rng.next() * 36 * HOUR;
    }
    if (firstOpen <= now) g.opened.push({ send, firstOpen });
    run.agg(firstOpen, "hooked");
    if (step.hasLink && rng.chance(0.14)) {
      const tc = firstOpen + rng.int(5, 600) * 1000;
      run.emit(tc, "emailsClicked", step).relatedSentAt = send.createdAt;
      run.agg(tc, "attracted");
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
    const reply = run.emit(tr, "emailsReplied", step);
    reply.emailSubject = subject.startsWith("Re:") ? subject : `Re: ${subject}`;
    reply.text = `${replyText}\n\nOn ${new Date(t).toUTCString()}, ${plan.sender.name} <${plan.sender.email}> wrote:\n${quoted}`;
    reply.emailPreview = replyText.replace(/\s+/g, " ").slice(0, 140);
    reply.messageId = `<${rng.id(24)}@mail.gmail.com>`;
    reply.inReplyTo = send.messageId;
    reply.relatedSentAt = send.createdAt;
    run.agg(tr, "warmed");
    if (mood < 0.35 || (mood < 0.65 && rng.chance(0.7))) {
      const ti = tr + rng.int(10, 24 * 60) * MIN;
      const positive = mood < 0.35;
      run.manual(run.emit(ti, positive ? "emailsInterested" : "emailsNotInterested", null));
      run.agg(ti, positive ? "interested" : "notInterested");
      if (positive) run.interestedAt = ti;
    }
    run.stopped = true;
    return;
  }
  if (rng.chance(0.008)) {
    run.emit(t + rng.int(1, 72) * HOUR, "emailsUnsubscribed", step).relatedSentAt = send.createdAt;
    run.stopped = true;
  }
}
