import type { SmartleadCampaign, SmartleadLead, SmartleadLeadRecord } from "./records";

/**
 * Response bodies derived from the data on each request, so the analytics always agree
 * with the leads and activities (drift included).
 */

interface Tally {
  sent: number;
  uniqueSent: number;
  opens: number;
  uniqueOpens: number;
  clicks: number;
  uniqueClicks: number;
  replies: number;
  bounces: number;
  unsubscribed: number;
}

const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * Counts of a campaign's leads. Unique opens/clicks count emails (lead × step) opened or
 * clicked at least once, which is Touchline's own definition too; bounces and unsubscribes
 * count leads. With a day range, a send (and its opens, clicks, bounce) counts on the day
 * it was sent, a reply on its day, an unsubscribe on the day of the lead's last email.
 */
function tally(leads: SmartleadLead[], range?: { from: string; to: string }): Tally {
  const t: Tally = {
    sent: 0,
    uniqueSent: 0,
    opens: 0,
    uniqueOpens: 0,
    clicks: 0,
    uniqueClicks: 0,
    replies: 0,
    bounces: 0,
    unsubscribed: 0,
  };
  const inRange = (iso: string) => !range || (dayOf(iso) >= range.from && dayOf(iso) <= range.to);
  for (const lead of leads) {
    let sentToLead = false;
    for (const a of lead.activities) {
      if (a.reply_details && inRange(a.reply_details.time)) t.replies++;
      if (!inRange(a.sent_time)) continue;
      sentToLead = true;
      t.sent++;
      const opens = Number(a.open_count);
      const clicks = Number(a.click_count);
      t.opens += opens;
      t.clicks += clicks;
      if (opens > 0) t.uniqueOpens++;
      if (clicks > 0) t.uniqueClicks++;
    }
    if (sentToLead) t.uniqueSent++;
    const last = lead.activities.at(-1);
    if (!last) continue;
    const outcomeDay = last.reply_details?.time ?? last.sent_time;
    if (lead.status === "BOUNCED" && inRange(last.sent_time)) t.bounces++;
    if (lead.status === "UNSUBSCRIBED" && inRange(outcomeDay)) t.unsubscribed++;
  }
  return t;
}

/** Smartlead answers these counts as strings. */
function countsAsStrings(t: Tally, leads: number) {
  return {
    sent_count: String(t.sent),
    unique_sent_count: String(t.uniqueSent),
    open_count: String(t.opens),
    unique_open_count: String(t.uniqueOpens),
    click_count: String(t.clicks),
    unique_click_count: String(t.uniqueClicks),
    reply_count: String(t.replies),
    block_count: "0",
    total_count: String(leads),
    drafted_count: "0",
    bounce_count: String(t.bounces),
    unsubscribed_count: String(t.unsubscribed),
  };
}

const POSITIVE = new Set(["Interested", "Meeting Request"]);

/** The campaign fields both analytics answers start with. */
const campaignHead = (c: SmartleadCampaign) => ({
  id: c.id,
  user_id: c.user_id,
  created_at: c.created_at,
  status: c.status,
  name: c.name,
});

/** `GET /campaigns/{id}/analytics`. */
export function campaignAnalytics(c: SmartleadCampaign, leads: SmartleadLead[]) {
  const by = (s: SmartleadLead["status"]) => leads.filter((l) => l.status === s).length;
  return {
    ...campaignHead(c),
    ...countsAsStrings(tally(leads), leads.length),
    campaign_lead_stats: {
      total: leads.length,
      paused: by("PAUSED"),
      blocked: 0,
      stopped: by("STOPPED") + by("BOUNCED") + by("UNSUBSCRIBED"),
      completed: by("COMPLETED"),
      inprogress: by("INPROGRESS"),
      interested: leads.filter((l) => l.lead_category !== null && POSITIVE.has(l.lead_category)).length,
      notStarted: by("STARTED"),
    },
  };
}

/** `GET /campaigns/{id}/analytics-by-date` — totals over the inclusive day range. */
export function campaignAnalyticsByDate(c: SmartleadCampaign, leads: SmartleadLead[], from: string, to: string) {
  return {
    ...campaignHead(c),
    start_date: from,
    end_date: to,
    ...countsAsStrings(tally(leads, { from, to }), leads.length),
  };
}

/** `GET /leads/?email=`: the person with one entry per campaign they are in. */
export function leadByEmail(
  record: SmartleadLeadRecord,
  leads: SmartleadLead[],
  campaigns: Map<number, SmartleadCampaign>,
) {
  return {
    ...record,
    lead_campaign_data: leads.map((l) => ({
      campaign_id: l.campaign_id,
      campaign_name: campaigns.get(l.campaign_id)?.name ?? l.campaign_name,
      campaign_lead_map_id: l.email_lead_map_id,
      campaign_lead_status: l.status,
      lead_category: l.lead_category,
    })),
  };
}

/**
 * `GET /campaigns/{cid}/leads/{lid}/message-history`: each email as SENT and each reply
 * (first, and further ones in the thread) as REPLY, oldest first. A REPLY carries the
 * stats_id of the email it answers;
 * `email_seq_number` is a string here (VENDORS.md).
 */
export function messageHistory(lead: SmartleadLead) {
  const history: Record<string, unknown>[] = [];
  for (const a of lead.activities) {
    history.push({
      stats_id: a.stats_id,
      from: a.from_email,
      to: a.to_email,
      type: "SENT",
      message_id: a.message_id,
      time: a.sent_time,
      email_body: a.email_body,
      subject: a.subject,
      email_seq_number: String(a.email_seq_number),
      open_count: Number(a.open_count),
      click_count: Number(a.click_count),
      click_details: a.click_details,
    });
    if (a.reply_details)
      history.push({
        stats_id: a.stats_id,
        from: a.to_email,
        to: a.from_email,
        type: "REPLY",
        message_id: a.reply_details.message_id,
        time: a.reply_details.time,
        email_body: a.reply_details.reply_email_body,
        subject: `Re: ${a.subject}`,
        email_seq_number: String(a.email_seq_number),
        open_count: 0,
        click_count: 0,
      });
    for (const r of a.thread_replies)
      history.push({
        stats_id: a.stats_id,
        from: a.to_email,
        to: a.from_email,
        type: "REPLY",
        message_id: r.message_id,
        time: r.time,
        email_body: r.reply_email_body,
        subject: `Re: ${a.subject}`,
        email_seq_number: String(a.email_seq_number),
        open_count: 0,
        click_count: 0,
      });
  }
  history.sort((x, y) => String(x.time).localeCompare(String(y.time)));
  const first = lead.activities[0];
  return { history, from: first?.from_email ?? null, to: first?.to_email ?? null };
}
