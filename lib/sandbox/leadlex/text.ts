/** Word lists the Leadlex generator draws from, so records read like a real CRM's. */

export const CAMPAIGN_NAMES = [
  "Q4 GC Outreach",
  "RevOps Leaders — EMEA",
  "Series B Founders",
  "Procurement Reboot",
  "Webinar Follow-up",
  "Churned Customers Win-back",
  "Q1 Expansion — NA",
  "Healthcare CTOs",
];

export const STEP_SUBJECTS = [
  "Quick question about {company}",
  "Following up, {first}",
  "An idea for {company}'s pipeline",
  "Worth a 15-minute call?",
  "Case study: how Globex cut ramp time",
  "Closing the loop, {first}",
];

export const EMAIL_SUBJECTS = [
  "Proposal for {company}",
  "Notes from our call",
  "Pricing for the Pro plan",
  "Re: Intro via Maya",
  "Security questionnaire",
  "Next steps",
  "Contract redlines",
  "Agenda for Thursday",
];

export const EMAIL_BODIES = [
  "Hi {first},\n\nThanks for the time today. As promised, here is a summary of what we discussed and the next steps on our side.\n\nBest,\nSam",
  "Hi {first}, attaching the updated proposal for {company}. Happy to walk your team through it whenever suits.",
  "Hello {first},\n\nJust checking whether you had a chance to review the pricing. Let me know if any questions come up.",
  "Hi {first}, quick one: who else at {company} should join the evaluation?",
];

export const INBOUND_BODIES = [
  "Thanks, this looks good. Can we push the call to next week?",
  "Hi, forwarding this to our procurement team — they will be in touch.",
  "Interesting. What does onboarding look like for a team of 40?",
  "Not the right time for us, but reach out again in Q2.",
];

export const REPLY_BODIES = [
  "Sounds interesting — can you send over some times for next week?",
  "Please take me off this list.",
  "I'm not the right person, try our Head of Ops.",
  "We already use a vendor for this, thanks.",
  "Happy to chat. Tuesday afternoon works.",
];

export const CALL_NOTES = [
  "Discussed current tooling and budget timeline.",
  "Left a voicemail, will try again Thursday.",
  "Gatekeeper asked to send details by email.",
  "Good conversation; they want a demo for the wider team.",
  "No answer.",
];

export const NOTES = [
  "Prefers email over calls. Decision expected end of quarter.",
  "Met at SaaStr; interested in the analytics add-on.",
  "Budget owner is the CFO, loop her in before proposal.",
  "Currently evaluating two competitors.",
  "Asked for a reference customer in the same industry.",
];

export const MEETING_TOPICS = [
  "Discovery call",
  "Product demo",
  "Pricing review",
  "Security review",
  "Kick-off",
  "Quarterly check-in",
];

export const TASK_TITLES: Record<string, string[]> = {
  call: ["Call back about pricing", "Follow-up call after demo", "Qualification call"],
  email: ["Send proposal", "Email case study", "Reply to security questions"],
  follow_up: ["Follow up on contract", "Check in after trial", "Chase signature"],
  meeting: ["Book demo with team", "Prepare pricing review", "Schedule kick-off"],
  linkedin: ["Connect on LinkedIn", "Comment on their LinkedIn post"],
  todo: ["Update CRM notes", "Research company org chart", "Prepare account plan"],
};

export const AI_ACTIONS = ["enriched_contact", "scored_lead", "drafted_email", "summarised_call", "detected_intent"];

export const LISTS = ["Q4 Target Accounts", "Webinar Attendees", "Hot Leads", "Enterprise Pipeline", "Newsletter"];

export const DEAL_STAGES = [
  "lead",
  "qualified",
  "demo_scheduled",
  "proposal",
  "negotiation",
  "closed_won",
  "closed_lost",
];

export const DEAL_PRODUCTS = ["Platform licence", "Pro plan", "Enterprise rollout", "Pilot", "Analytics add-on"];

export const VISITED_PAGES = ["/pricing", "/customers", "/integrations", "/security", "/blog/revops-playbook"];

/** `{first}`, `{company}` placeholders filled from the person. */
export function fill(template: string, p: { first: string; company: string }): string {
  return template.replaceAll("{first}", p.first).replaceAll("{company}", p.company);
}
