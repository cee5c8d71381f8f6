import { pushActivity, sortNewestFirst, type LeadlexData } from "./context";
import type { LeadlexActivity, LeadlexCampaign, LeadlexContact } from "./records";

/**
 * Seed 003's example, served as the documentation shows it: the `email` activity
 * `act_7f3c4d2a` of 17 Apr 2026 on contact `123e4567-…`, in campaign `cmp_abc123`
 * ("Q2 GC Outreach"), with `metadata: {opened: true, replied: false}`. The seed names
 * neither the contact's fields nor the campaign's: those below are the sandbox's
 * ("Hi Jane", "Acme Corp" come from the example's own text).
 */
export const SEED_003_ACTIVITY: LeadlexActivity = {
  id: "act_7f3c4d2a",
  type: "email",
  title: "Sent: Quick question about Acme Corp",
  description: "Hi Jane, ...",
  contact_id: "123e4567-e89b-12d3-a456-426614174000",
  deal_id: "3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a",
  entity_type: "campaign",
  entity_id: "cmp_abc123",
  entity_name: "Q2 GC Outreach",
  metadata: { opened: true, replied: false },
  created_by_user_id: "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d",
  created_date: "2026-04-17T14:23:05Z",
};

export const SEED_003_CONTACT: LeadlexContact = {
  id: SEED_003_ACTIVITY.contact_id,
  full_name: "Jane Acme",
  email: "jane@acme-corp.example",
  phone: null,
  job_title: "General Counsel",
  company_name: "Acme Corp",
  created_at: "2026-04-01T09:00:00Z",
  updated_date: SEED_003_ACTIVITY.created_date,
};

export const SEED_003_CAMPAIGN: LeadlexCampaign = {
  id: "cmp_abc123",
  name: "Q2 GC Outreach",
  status: "completed",
  steps_count: 1,
  owner_user_id: SEED_003_ACTIVITY.created_by_user_id!,
  created_at: "2026-04-10T08:00:00Z",
  updated_date: SEED_003_ACTIVITY.created_date!,
};

/** Adds the example (contact, campaign, activity) to an account, at its original date. */
export function addSeedExample(data: LeadlexData): void {
  if (data.contactIndex.has(SEED_003_CONTACT.id)) return;
  const contact = { ...SEED_003_CONTACT };
  // The contact listing is in creation order: the example goes where its date puts it.
  let pos = data.contacts.findIndex((c) => (c.created_at ?? c.created_date ?? "") > contact.created_at!);
  if (pos < 0) pos = data.contacts.length;
  data.contacts.splice(pos, 0, contact);
  data.contactIndex.clear();
  data.contacts.forEach((c, i) => data.contactIndex.set(c.id, i));

  const campaign = { ...SEED_003_CAMPAIGN };
  data.campaigns.push(campaign);
  data.campaigns.sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  data.campaignCounts.set(campaign.id, { sent: 1, opened: 1, clicked: 0, replied: 0, bounced: 0, unsubscribed: 0 });

  const { created_date, ...row } = structuredClone(SEED_003_ACTIVITY);
  data.activityIds.add(row.id);
  pushActivity(data, row, Date.parse(created_date!), false);
  sortNewestFirst(data, data.byContact.get(contact.id)!);
  data.version++;
}
