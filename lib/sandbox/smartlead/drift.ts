import type { SmartleadCampaign, SmartleadData, SmartleadLeadRecord, SmartleadSequenceStep } from "./records";
import { pushSentEmail, sentMessageId } from "./sent-email";
import { SENDERS, renderEmail, type Recipient } from "./text";

/** Where a drift item landed: `data.leads[lead].activities[activity]`. */
export interface DriftRef {
  lead: number;
  activity: number;
}

/** One drift run: the data, its campaigns and lead records by id, and the time of the new sends. */
interface Drift {
  data: SmartleadData;
  campaigns: Map<number, SmartleadCampaign>;
  records: Map<number, SmartleadLeadRecord>;
  at: number;
}

/**
 * Page drift: sends n new emails at `now` — the next step of leads still in progress in
 * active campaigns, or, when none is left, the first step to a new lead. Returns where
 * they were added so the simulator can index them.
 */
export function addSmartleadDriftItems(data: SmartleadData, n: number, now: Date): DriftRef[] {
  // Whole seconds like every Smartlead time; an item made during a sync may so fall a
  // fraction of a second before its start, where the next sync's overlap re-reads it.
  const at = Math.floor(now.getTime() / 1000) * 1000;
  const drift: Drift = {
    data,
    campaigns: new Map(data.campaigns.map((c) => [c.id, c])),
    records: new Map(data.leadRecords.map((r) => [r.id, r])),
    at,
  };
  const out: DriftRef[] = [];
  for (let k = 0; k < n; k++) {
    const ref = nextStepOfSomeLead(drift) ?? firstStepOfNewLead(drift);
    if (!ref) break;
    out.push(ref);
  }
  return out;
}

function nextStepOfSomeLead({ data, campaigns, records, at }: Drift): DriftRef | null {
  const total = data.leads.length;
  for (let scanned = 0; scanned < total; scanned++) {
    const li = (data.next.driftCursor + scanned) % total;
    const lead = data.leads[li]!;
    const steps = data.sequences[String(lead.campaign_id)] ?? [];
    const last = lead.activities.at(-1);
    const eligible =
      campaigns.get(lead.campaign_id)?.status === "ACTIVE" &&
      (lead.status === "STARTED" || lead.status === "INPROGRESS") &&
      lead.current_seq_num < steps.length &&
      (!last || Date.parse(last.sent_time) < at);
    if (!eligible) continue;
    data.next.driftCursor = li + 1;
    const record = records.get(lead.lead_id);
    if (!record) continue;
    return sendStep(data, li, steps, record, last?.from_email ?? SENDERS[0]!.email, at);
  }
  return null;
}

function firstStepOfNewLead({ data, campaigns, records, at }: Drift): DriftRef | null {
  for (const c of campaigns.values()) {
    if (c.status !== "ACTIVE") continue;
    const enrolled = new Set(data.leads.filter((l) => l.campaign_id === c.id).map((l) => l.lead_id));
    const record = [...records.values()].find((r) => !enrolled.has(r.id));
    const steps = data.sequences[String(c.id)] ?? [];
    if (!record || steps.length === 0) continue;
    data.next.leadMapId += 1;
    data.leads.push({
      lead_id: record.id,
      email_lead_map_id: data.next.leadMapId,
      campaign_id: c.id,
      campaign_name: c.name,
      campaign_status: c.status,
      status: "STARTED",
      lead_category: null,
      current_seq_num: 0,
      created_at: new Date(at).toISOString(),
      activities: [],
    });
    return sendStep(data, data.leads.length - 1, steps, record, SENDERS[0]!.email, at);
  }
  return null;
}

function sendStep(
  data: SmartleadData,
  li: number,
  steps: SmartleadSequenceStep[],
  record: SmartleadLeadRecord,
  from: string,
  at: number,
): DriftRef {
  const lead = data.leads[li]!;
  const step = steps[lead.current_seq_num]!;
  data.next.statsId += 1;
  const variant = step.seq_variants[data.next.statsId % step.seq_variants.length]!;
  const who: Recipient = { firstName: record.first_name, company: record.company_name };
  const mail = renderEmail(
    variant.subject,
    variant.email_body,
    who,
    SENDERS.find((s) => s.email === from)?.name ?? from,
  );
  pushSentEmail(
    lead,
    {
      stats_id: data.next.statsId,
      message_id: sentMessageId(data.next.statsId, lead, from),
      subject: mail.subject,
      email_body: mail.body,
      sent_time: new Date(at).toISOString(),
      from_email: from,
      to_email: record.email,
      email_seq_number: step.seq_number,
      open_count: 0,
      click_count: 0,
      click_details: {},
    },
    step,
    variant,
  );
  lead.current_seq_num = step.seq_number;
  lead.status = lead.current_seq_num >= steps.length ? "COMPLETED" : "INPROGRESS";
  return { lead: li, activity: lead.activities.length - 1 };
}
