import type { Person } from "@/lib/sandbox/shared/world";
import type { LemlistActivity, LemlistLead } from "../records";
import type { CampaignPlan, StepDef } from "./campaigns";
import type { Gen } from "./context";
import { iso } from "./time";

/**
 * The two ways an activity row is built: from a lead of a campaign, or as a copy of an
 * earlier row about the same lead and step. The order of the assignments is the order of
 * the JSON keys, as lemlist serves them.
 */

/** What every row of one lead shares. */
export interface LeadCtx {
  plan: CampaignPlan;
  person: Person;
  lead: LemlistLead;
  variant: "A" | "B" | undefined;
}

/** A row of `ctx`'s lead; `step` is null for rows outside the sequence (aggregates, pauses, notes). */
export function leadRow(g: Gen, ctx: LeadCtx, type: string, t: number, step: StepDef | null): LemlistActivity {
  const { plan, person, lead } = ctx;
  const { teamId } = g;
  const c = plan.campaign;
  const r: LemlistActivity = {
    _id: g.rowId(),
    type,
    createdAt: iso(t),
    teamId,
    isFirst: false,
    bot: false,
    leadId: lead._id,
    campaignId: c._id,
  };
  if (step) {
    r.sequenceId = c.sequenceId;
    r.sequenceStep = step.index;
    r.totalSequenceStep = plan.steps.length - 1;
    if (step.stepId) r.stepId = step.stepId;
    if (step.kind === "email") r.emailTemplateId = step.templateIds[ctx.variant === "B" ? 1 : 0];
    r.createdBy = c.createdBy;
    r.sendUserId = plan.sender._id;
  }
  r.name = c.name;
  r.leadFirstName = person.firstName;
  r.leadLastName = person.lastName;
  r.leadEmail = person.email;
  r.leadCompanyName = person.company;
  r.contactId = lead.contactId;
  r.metaData = { teamId, campaignId: c._id, leadId: lead._id, type };
  r.lead = lead;
  r.campaignName = c.name;
  if (ctx.variant) r.sequenceTested = ctx.variant;
  if (step?.kind === "email") r.emailTemplateName = step.templateName;
  return r;
}

/** A row about the same lead, campaign and step as `base` (a repeat open, a drift item). */
export function derivedRow(base: LemlistActivity, type: string, t: number, id: string): LemlistActivity {
  // Field by field rather than a spread: the copies stay small, fast-mode objects at 1 M rows,
  // and the send's content (subject, text) stays on the send.
  const r: LemlistActivity = {
    _id: id,
    type,
    createdAt: iso(t),
    teamId: base.teamId,
    isFirst: false,
    bot: false,
    leadId: base.leadId,
    campaignId: base.campaignId,
  };
  if (base.sequenceId !== undefined) r.sequenceId = base.sequenceId;
  if (base.sequenceStep !== undefined) r.sequenceStep = base.sequenceStep;
  if (base.totalSequenceStep !== undefined) r.totalSequenceStep = base.totalSequenceStep;
  if (base.stepId !== undefined) r.stepId = base.stepId;
  if (base.emailTemplateId !== undefined) r.emailTemplateId = base.emailTemplateId;
  if (base.createdBy !== undefined) r.createdBy = base.createdBy;
  if (base.sendUserId !== undefined) r.sendUserId = base.sendUserId;
  r.name = base.name;
  r.leadFirstName = base.leadFirstName;
  r.leadLastName = base.leadLastName;
  r.leadEmail = base.leadEmail;
  r.leadCompanyName = base.leadCompanyName;
  r.contactId = base.contactId;
  r.metaData = { teamId: base.teamId, campaignId: base.campaignId, leadId: base.leadId, type };
  r.lead = base.lead;
  r.campaignName = base.campaignName;
  if (base.sequenceTested !== undefined) r.sequenceTested = base.sequenceTested;
  if (base.emailTemplateName !== undefined) r.emailTemplateName = base.emailTemplateName;
  r.relatedSentAt = base.createdAt;
  return r;
}
