import type { Rng } from "@/lib/sandbox/shared/prng";
import type { Person } from "@/lib/sandbox/shared/world";
import { DAY, HOUR, MINUTE, iso, type CampaignPlan, type GenContext } from "./campaign-plan";
import type { SmartleadCampaignStatus, SmartleadLead, SmartleadLeadRecord, SmartleadThreadReply } from "./records";
import { pushSentEmail, sentMessageId } from "./sent-email";
import { CLICK_URLS, REPLIES, THREAD_REPLIES, renderEmail } from "./text";

/** Reply categories and their weights (Smartlead categorises replies). */
const CATEGORY_WEIGHTS: [string | null, number][] = [
  ["Interested", 0.3],
  ["Meeting Request", 0.12],
  ["Not Interested", 0.28],
  ["Out Of Office", 0.1],
  ["Information Request", 0.08],
  [null, 0.12],
];

/**
 * One lead: a person enrolled in a campaign, with the emails of its sequence up to an
 * outcome (bounce, reply, unsubscribe) or the generator's now. `leadIndex` is where the
 * lead will sit in `data.leads` (late events point there).
 *
 * Engagement has times here even though Smartlead serves only counts: what happened
 * before now is counted, what happens after is queued as a late event (`g.late`) that
 * the simulator applies when its clock passes it. First opens come mostly within two days
 * of the send, some days later, a few weeks later.
 */
export function enrol(
  g: GenContext,
  plan: CampaignPlan,
  person: Person,
  record: SmartleadLeadRecord,
  leadIndex: number,
): SmartleadLead {
  const { rng, now } = g;
  const created = plan.addFrom + rng.next() * (plan.addTo - plan.addFrom);
  g.next.leadMapId += rng.int(1, 40);
  const lead: SmartleadLead = {
    lead_id: record.id,
    email_lead_map_id: g.next.leadMapId,
    campaign_id: plan.campaign.id,
    campaign_name: plan.campaign.name,
    campaign_status: plan.campaign.status,
    status: "STARTED",
    lead_category: null,
    current_seq_num: 0,
    created_at: iso(created),
    activities: [],
  };
  const sender = plan.senders[record.id % plan.senders.length]!;
  let sendAt = created + rng.int(1, 18) * HOUR + rng.int(0, 59) * MINUTE;
  let outcome = false;
  for (let s = 0; s < plan.steps.length && !outcome; s++) {
    const step = plan.steps[s]!;
    if (s > 0) sendAt += step.seq_delay_details.delay_in_days * DAY + rng.int(-180, 180) * MINUTE;
    if (sendAt > plan.stopAt || sendAt > now) break;
    const vi = rng.int(0, step.seq_variants.length - 1);
    const variant = step.seq_variants[vi]!;
    const lift = plan.lift[s]![vi]!;
    const mail = renderEmail(variant.subject, variant.email_body, person, sender.name);
    g.next.statsId += rng.int(1, 9);
    const activityIndex = lead.activities.length;
    const later = (
      at: number,
      kind: "open" | "click" | "thread_reply",
      more: { url?: string; reply?: SmartleadThreadReply } = {},
    ) => g.late.push({ at: iso(at), lead: leadIndex, activity: activityIndex, kind, ...more });

    const bounced = rng.chance(s === 0 ? plan.bounceRate : plan.bounceRate / 5);
    let opens = 0;
    let clicks = 0;
    let replyAt = 0;
    const clickDetails: Record<string, number> = {};
    if (!bounced) {
      const openAt = sendAt + rng.int(3, 48 * 60) * MINUTE + lateness(rng);
      const opener = rng.chance(plan.openRate * lift);
      const stepFactor = s === 0 ? 1.3 : s === plan.steps.length - 1 ? 0.6 : 1;
      const at = sendAt + rng.int(20, 96 * 60) * MINUTE;
      if (rng.chance(plan.replyRate * lift * stepFactor) && at <= now) replyAt = at;
      // Replies are mostly opened first, though a blocked tracking pixel hides some.
      const openTimes: number[] = [];
      if (opener) {
        const n = 1 + Math.floor(-Math.log(1 - rng.next()) * 1.3);
        for (let i = 0; i < n; i++) openTimes.push(i === 0 ? openAt : openAt + rng.int(10, 72 * 60) * MINUTE);
      } else if (replyAt && rng.chance(0.75)) openTimes.push(Math.min(replyAt, openAt));
      for (const t of openTimes) {
        if (t <= now) opens++;
        else later(t, "open");
      }
      const clickAt = openAt + rng.int(0, 120) * MINUTE;
      if (openTimes.length && rng.chance(plan.clickRate)) {
        const url = rng.pick(CLICK_URLS);
        for (let i = rng.int(1, 3); i > 0; i--) {
          if (clickAt <= now) {
            clicks++;
            clickDetails[url] = (clickDetails[url] ?? 0) + 1;
          } else later(clickAt, "click", { url });
        }
      }
    }
    const activity = pushSentEmail(
      lead,
      {
        stats_id: g.next.statsId,
        message_id: sentMessageId(g.next.statsId, lead, sender.email),
        subject: mail.subject,
        email_body: mail.body,
        sent_time: iso(sendAt),
        from_email: sender.email,
        to_email: person.email,
        email_seq_number: rng.chance(0.25) ? String(s + 1) : s + 1,
        open_count: plan.stringCounts ? String(opens) : opens,
        click_count: plan.stringCounts ? String(clicks) : clicks,
        click_details: clickDetails,
      },
      step,
      variant,
    );
    lead.current_seq_num = s + 1;

    if (bounced) {
      lead.status = "BOUNCED";
      outcome = true;
    } else if (replyAt) {
      const category = weighted(rng, CATEGORY_WEIGHTS);
      activity.reply_details = {
        time: iso(replyAt),
        reply_email_body: rng.pick(REPLIES[category ?? "none"]!),
        message_id: `<CA${g.next.statsId.toString(36)}r${rng.id(10)}@mail.${person.companyDomain}>`,
      };
      // Some conversations go on: the lead writes again in the thread, hours or days later.
      if (rng.chance(0.3)) {
        let at = replyAt;
        for (let i = rng.int(1, 2); i > 0; i--) {
          at += rng.int(60, 5 * 24 * 60) * MINUTE;
          const reply: SmartleadThreadReply = {
            time: iso(at),
            reply_email_body: rng.pick(THREAD_REPLIES),
            message_id: `<CA${g.next.statsId.toString(36)}t${rng.id(10)}@mail.${person.companyDomain}>`,
          };
          if (at <= now) activity.thread_replies.push(reply);
          else later(at, "thread_reply", { reply });
        }
      }
      lead.lead_category = category;
      // The campaign stops the lead on a reply (stop_lead_settings); some ask to be removed.
      lead.status = category === "Not Interested" && rng.chance(0.3) ? "UNSUBSCRIBED" : "COMPLETED";
      outcome = true;
    } else if (rng.chance(plan.unsubRate)) {
      lead.status = "UNSUBSCRIBED";
      outcome = true;
    }
  }
  if (!outcome) lead.status = restingStatus(lead, plan.steps.length, plan.campaign.status);
  return lead;
}

/** How much later than usual a first open comes: mostly not, 12 % days later, 2 % weeks later. */
function lateness(rng: Rng): number {
  const r = rng.next();
  if (r < 0.12) return rng.int(2, 13) * DAY;
  if (r < 0.14) return rng.int(15, 45) * DAY;
  return 0;
}

function weighted<T>(rng: Rng, items: [T, number][]): T {
  let r = rng.next();
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1]![0];
}

/** The status of a lead with no outcome (no bounce, reply or unsubscribe). */
function restingStatus(lead: SmartleadLead, steps: number, campaign: SmartleadCampaignStatus): SmartleadLead["status"] {
  if (lead.current_seq_num >= steps) return "COMPLETED";
  if (campaign === "PAUSED" || campaign === "STOPPED") return campaign;
  return lead.current_seq_num === 0 ? "STARTED" : "INPROGRESS";
}
