import type { SmartleadCampaign, SmartleadData, SmartleadLead, SmartleadLeadRecord } from "./records";

/**
 * Seed 001's example lead of `GET /campaigns/all-leads-activities`, as the seed prints it
 * (November 2025 dates, counts, reply). Served beside the generated account when the
 * simulator is asked to (`seedExamples`), so a test can check that the vendor's own example
 * arrives whole.
 */
export const SEED_001_LEAD: SmartleadLead = {
  lead_id: 2995276770,
  email_lead_map_id: 2433664091,
  campaign_id: 123,
  campaign_name: "Q4 Outreach",
  campaign_status: "ACTIVE",
  status: "INPROGRESS",
  // The seed's lead has no lead_category; ours always carries the field.
  lead_category: null,
  current_seq_num: 2,
  created_at: "2025-11-25T12:54:54.000Z",
  activities: [
    {
      stats_id: 12345,
      message_id: "<abc123@mail.example.com>",
      subject: "Quick question about your workflow",
      email_body: "Hi John, I wanted to reach out...",
      sent_time: "2025-11-26T10:00:00.000Z",
      from_email: "sender@company.com",
      to_email: "john@example.com",
      email_seq_number: 1,
      open_count: 3,
      click_count: 1,
      click_details: {},
      reply_details: {
        time: "2025-11-26T14:30:00.000Z",
        reply_email_body: "Thanks for reaching out...",
        message_id: "<reply123@example.com>",
      },
      thread_replies: [],
    },
  ],
};

/**
 * The seed names campaign 123 "Q4 Outreach", ACTIVE, and nothing else about it: its
 * creation time (a few days before the lead's) and the rest are ours.
 */
const SEED_001_CAMPAIGN: Omit<SmartleadCampaign, "user_id"> = {
  id: 123,
  created_at: "2025-11-20T09:00:00.000Z",
  updated_at: "2025-11-26T14:30:00.000Z",
  status: "ACTIVE",
  name: "Q4 Outreach",
  track_settings: [],
  min_time_btwn_emails: 10,
  max_leads_per_day: 100,
  stop_lead_settings: "REPLY_TO_AN_EMAIL",
  client_id: null,
};

/** The person behind the seed's lead, for `GET /leads/?email=` (the seed greets "John"). */
const SEED_001_RECORD: SmartleadLeadRecord = {
  id: 2995276770,
  first_name: "John",
  last_name: "",
  email: "john@example.com",
  phone_number: "",
  company_name: "",
  website: "",
  location: "",
  custom_fields: {},
  linkedin_profile: "",
  company_url: "",
  is_unsubscribed: false,
  created_at: "2025-11-25T12:54:54.000Z",
};

/**
 * Adds the seed's lead, its campaign and its person to generated data. Throws when a
 * generated id is already taken (only a world far larger than the demo could collide).
 */
export function addSeedExamples(data: SmartleadData): void {
  const lead = structuredClone(SEED_001_LEAD);
  const taken =
    data.campaigns.some((c) => c.id === lead.campaign_id) ||
    data.leadRecords.some((r) => r.id === lead.lead_id || r.email === SEED_001_RECORD.email) ||
    data.leads.some(
      (l) =>
        l.email_lead_map_id === lead.email_lead_map_id ||
        l.activities.some((a) => a.stats_id === lead.activities[0]!.stats_id),
    );
  if (taken) throw new Error("seed 001's example ids are already used by the generated account");
  data.campaigns.push({ ...SEED_001_CAMPAIGN, user_id: data.campaigns[0]?.user_id ?? 1 });
  // No sequence is known, so drift never sends this lead a next step.
  data.sequences[String(lead.campaign_id)] = [];
  data.leadRecords.push({ ...SEED_001_RECORD });
  data.leads.push(lead);
}
