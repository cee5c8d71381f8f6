import { lowerBound, upperBound, type LemlistData } from "./data";
import { BadRequest, intParam } from "./query";
import type { LemlistActivity, LemlistCampaign } from "./records";

// --- Campaigns ------------------------------------------------------------------------

export const CAMPAIGN_STATES = ["draft", "running", "ended", "paused", "errors", "archived"] as const;

export function parseCampaignQuery(q: URLSearchParams): { offset: number; limit: number; status: string | null } {
  const status = q.get("status");
  if (status !== null && !(CAMPAIGN_STATES as readonly string[]).includes(status))
    throw new BadRequest("Invalid status");
  return {
    offset: intParam("offset", q.get("offset"), 0, 0, Number.MAX_SAFE_INTEGER),
    limit: intParam("limit", q.get("limit"), 100, 1, 100),
    status,
  };
}

export function listCampaigns(
  data: LemlistData,
  q: { offset: number; limit: number; status: string | null },
): { page: LemlistCampaign[]; total: number } {
  const all = data.campaigns.filter((c) => q.status === null || c.status === q.status);
  return { page: all.slice(q.offset, q.offset + q.limit), total: all.length };
}

/**
 * Campaign stats over [startDate, endDate] computed from the activity log, so they agree
 * with what `/activities` serves. opened/clicked/replied count distinct (lead, step)
 * without bot events; `replyRate` is lemlist's dashboard definition, replied / opened.
 */
export function campaignStats(data: LemlistData, campaign: LemlistCampaign, minT: number | null, maxT: number | null) {
  const list = data.byCampaign.get(campaign._id) ?? [];
  const lo = minT === null ? 0 : lowerBound(list, minT);
  const hi = maxT === null ? list.length : upperBound(list, maxT);
  const c = { sent: 0, bounced: 0, unsubscribed: 0, interested: 0, notInterested: 0, failed: 0 };
  const opened = new Set<string>();
  const clicked = new Set<string>();
  const replied = new Set<string>();
  const leadsReached = new Set<string>();
  const steps = new Map<
    number,
    {
      sequenceStep: number;
      sentCount: number;
      openedCount: number;
      clickedCount: number;
      repliedCount: number;
      bouncedCount: number;
    }
  >();
  const stepOf = (a: LemlistActivity) => {
    const n = a.sequenceStep ?? -1;
    let s = steps.get(n);
    if (!s)
      steps.set(
        n,
        (s = { sequenceStep: n, sentCount: 0, openedCount: 0, clickedCount: 0, repliedCount: 0, bouncedCount: 0 }),
      );
    return s;
  };
  for (let i = lo; i < hi; i++) {
    const a = list[i]!;
    const key = `${a.leadId}:${a.sequenceStep}`;
    switch (a.type) {
      case "emailsSent":
        c.sent++;
        stepOf(a).sentCount++;
        if (a.leadId) leadsReached.add(a.leadId);
        break;
      case "emailsBounced":
        c.bounced++;
        stepOf(a).bouncedCount++;
        break;
      case "emailsOpened":
        if (!a.bot && !opened.has(key)) {
          opened.add(key);
          stepOf(a).openedCount++;
        }
        break;
      case "emailsClicked":
        if (!a.bot && !clicked.has(key)) {
          clicked.add(key);
          stepOf(a).clickedCount++;
        }
        break;
      case "emailsReplied":
        if (!replied.has(key)) {
          replied.add(key);
          stepOf(a).repliedCount++;
        }
        break;
      case "emailsUnsubscribed":
        c.unsubscribed++;
        break;
      case "emailsInterested":
      case "linkedinInterested":
      case "manualInterested":
        c.interested++;
        break;
      case "emailsNotInterested":
      case "linkedinNotInterested":
      case "manualNotInterested":
        c.notInterested++;
        break;
      case "emailsFailed":
      case "emailsSendFailed":
        c.failed++;
        break;
    }
  }
  const leadTotal = data.leads.filter((l) => l.campaignId === campaign._id).length;
  return {
    campaignId: campaign._id,
    campaignName: campaign.name,
    leadTotal,
    leadsReached: leadsReached.size,
    sentCount: c.sent,
    deliveredCount: c.sent - c.bounced,
    openedCount: opened.size,
    clickedCount: clicked.size,
    repliedCount: replied.size,
    bouncedCount: c.bounced,
    unsubscribedCount: c.unsubscribed,
    interestedCount: c.interested,
    notInterestedCount: c.notInterested,
    failedCount: c.failed,
    replyRate: opened.size ? Math.round((replied.size / opened.size) * 10_000) / 10_000 : 0,
    steps: [...steps.values()].filter((s) => s.sequenceStep >= 0).sort((a, b) => a.sequenceStep - b.sequenceStep),
  };
}
