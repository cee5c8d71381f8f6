/**
 * lemlist's native records as the simulator serves them: field names and value types
 * follow seed 000 (activities), seed 002 (tasks) and VENDORS.md "lemlist". Optional
 * fields are absent from the JSON rather than null, as in the seed's examples.
 */

export interface LemlistLeadVariables {
  firstName: string;
  lastName: string;
  email: string;
  companyName: string;
  companyDomain: string;
  jobTitle: string;
  linkedinUrl: string;
  phone: string;
}

/** The `lead` object embedded in activity rows (seed 000): the lead as it is now, shared by all its rows. */
export interface LemlistLead {
  _id: string;
  isPaused: boolean;
  state: string;
  personalized: boolean;
  source: string;
  variables: LemlistLeadVariables;
  contactId: string;
  enrichment: { emailStatus?: string };
}

export interface LemlistActivityMeta {
  teamId: string;
  campaignId?: string;
  leadId?: string;
  type: string;
  createdBy?: string;
  taskId?: string;
}

export interface LemlistActivity {
  _id: string;
  type: string;
  createdAt: string;
  teamId: string;
  isFirst?: boolean;
  /** Seed 000's opens carry it (false); the generated rows leave it out. */
  stopped?: boolean;
  bot?: boolean;
  leadId?: string;
  contactId?: string;
  leadEmail?: string;
  leadFirstName?: string;
  leadLastName?: string;
  leadCompanyName?: string;
  campaignId?: string;
  campaignName?: string;
  /** The campaign name again, as seed 000's rows carry it. */
  name?: string;
  sequenceId?: string;
  /** Zero-based (seed 000: "zero-indexed (starting at 0)"). */
  sequenceStep?: number;
  /** Zero-based index of the last step. */
  totalSequenceStep?: number;
  stepId?: string;
  /** The lead's A/B variant, "A" or "B", on every row of a lead in an A/B-tested campaign. */
  sequenceTested?: string;
  emailTemplateId?: string;
  emailTemplateName?: string;
  createdBy?: string;
  sendUserId?: string;
  userId?: string;
  userName?: string;
  relatedSentAt?: string;
  /** Company-level rows (seed 000's `annotated` example): no lead, no campaign. */
  companyId?: string;
  note?: string;
  /** Email content on emailsSent / emailsReplied; message text on LinkedIn messages. */
  emailSubject?: string;
  emailPreview?: string;
  text?: string;
  messageId?: string;
  inReplyTo?: string;
  /** Call length in seconds on aircallEnded. */
  duration?: number;
  metaData?: LemlistActivityMeta;
  lead?: LemlistLead;
}

/** Seed 002: `_id` is an `opp_` id; done tasks exist in the data but are never listed. */
export interface LemlistTask {
  _id: string;
  type: string;
  title: string;
  priority: number;
  leadId?: string;
  campaignId?: string;
  contactId?: string;
  dueDate?: string;
  userId: string;
  content: string;
}

export type LemlistCampaignStatus = "draft" | "running" | "paused" | "ended" | "archived" | "errors";

export interface LemlistCampaign {
  _id: string;
  name: string;
  labels: string[];
  createdAt: string;
  createdBy: string;
  status: LemlistCampaignStatus;
  sequenceId: string;
  teamId: string;
}

export interface LemlistUser {
  _id: string;
  name: string;
  email: string;
}

export interface LemlistTeam {
  _id: string;
  name: string;
  userIds: string[];
  createdBy: string;
  createdAt: string;
}

/** One lead: a person in one campaign (`lea_` per campaign, `ctc_` account-wide). */
export interface LemlistLeadEntry {
  lead: LemlistLead;
  campaignId: string;
  campaignName: string;
  createdAt: string;
}
