import { DAY, MIN, ALT_SPELLING, newActivityId, pushActivity, secs, type Ctx } from "./context";
import { isoOf, type LeadlexCampaign } from "./records";
import * as T from "./text";

/**
 * Campaigns and their sequences. Sends come in the two forms Leadlex documents: most as
 * an `email` linked to its campaign with `metadata: {opened, replied}` (seed 003's only
 * example), where a reply is known only by its flag; the rest as `campaign_sent` (a
 * documented type) with open and click flags, and the reply as its own `campaign_replied`
 * row. Bounces are `campaign_bounced` rows in both forms.
 */

type SendForm = "email" | "campaign_sent";

interface Sequence {
  campaign: LeadlexCampaign;
  form: SendForm;
  launchMs: number;
  subjects: string[];
  /** Per step: the A/B variants, or null when the step is not tested. */
  variants: (string[] | null)[];
}

/** Every third campaign writes `campaign_sent` rows; the others the seed's `email` form. */
export const sendFormOf = (campaignIndex: number): SendForm => (campaignIndex % 3 === 2 ? "campaign_sent" : "email");

export function generateCampaigns(
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
    sequences.push({ campaign, form: sendFormOf(c), launchMs, subjects, variants });
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
    // The seed's form carries the reply as a flag; the campaign_sent form as a row of its own.
    const meta: Record<string, unknown> =
      seq.form === "email"
        ? { step, subject, opened, replied, clicked, bounced, unsubscribed }
        : { step, subject, opened, clicked, bounced, unsubscribed };
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
        type: seq.form,
        title: `Sent: ${subject}`,
        description: seq.form === "email" ? `Hi ${who.first}, …` : `Step ${step} of ${seq.campaign.name}`,
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
      counts.replied++;
      if (seq.form === "campaign_sent") {
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
      }
      break;
    }
    if (unsubscribed) break;
  }
  return rows;
}
