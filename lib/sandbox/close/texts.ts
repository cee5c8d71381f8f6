/**
 * Word pools for the Close generator. Bodies are shared strings (not personalised)
 * so a million-activity world stays small in memory.
 */

export const USERS: readonly [string, string][] = [
  ["Sarah", "Okoro"],
  ["Tom", "Becker"],
  ["Lucía", "Ferreira"],
  ["Arjun", "Mehta"],
];

export const LEAD_STATUSES = ["Potential", "Qualified", "Bad Fit", "Customer", "Canceled"] as const;

export const OPP_STATUSES = [
  { label: "Active", type: "active" },
  { label: "Demo Completed", type: "active" },
  { label: "Proposal Sent", type: "active" },
  { label: "Won", type: "won" },
  { label: "Lost", type: "lost" },
] as const;

export const SEQUENCES = [
  { name: "Outbound — RevOps leaders", subject: "Pipeline reviews at {company}", steps: 4, bodyOffset: 0 },
  { name: "Webinar follow-up", subject: "Slides from yesterday's session", steps: 3, bodyOffset: 2 },
  { name: "Renewal nudges", subject: "{company} renewal — next steps", steps: 5, bodyOffset: 1 },
] as const;

export const CUSTOM_TYPES = ["Demo", "Onboarding session"] as const;

function body(text: string) {
  const html = text
    .split("\n\n")
    .map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>")}</p>`)
    .join("");
  return { text, html, preview: text.replace(/\s+/g, " ").slice(0, 100) };
}

export const BODIES = [
  body(
    "Hi,\n\nI noticed your team is growing its sales org. We help RevOps leads see every touch with a prospect in one timeline.\n\nWorth a 20-minute call next week?\n\nBest,",
  ),
  body(
    "Hi again,\n\nFollowing up on my last email — happy to send a two-minute video instead if that is easier.\n\nCheers,",
  ),
  body(
    "Hello,\n\nThanks for joining the session. The slides and the recording are linked below; the Q&A answers are at the end.\n\nLet me know if a deeper dive with your team would help.",
  ),
  body(
    "Hi,\n\nGreat speaking earlier. As promised, here is a summary of what we discussed and the pricing for 25 seats.\n\nTalk soon,",
  ),
  body("Thanks for reaching out — yes, let's talk. Could you send a few slots for Thursday?\n\nRegards,"),
  body("Not the right time for us, we just signed with another vendor. Maybe check back in Q3.\n\nThanks"),
];

export const CALL_NOTES = [
  "Discussed current tooling; they use spreadsheets for pipeline reviews. Send case study.",
  "Gatekeeper answered, decision maker back on Monday.",
  "Good call — interested in a pilot for the EMEA team. Next: demo with their CRO.",
  "Pricing concerns; wants a quote for 10 seats before the budget meeting.",
  "Asked us to call back after the quarter closes.",
];

export const SMS_TEXTS = [
  "Hi, this is from Touchline — are you free for a quick call today?",
  "Thanks! Talk tomorrow at 10.",
  "Running 5 minutes late, sorry.",
  "Sent you the proposal by email.",
];

export const WHATSAPP_TEXTS = [
  "Hi! Following up on our chat — here is the **deck** we mentioned.",
  "Perfect, see you on Thursday 👍",
  "Could you share the _pricing_ for the annual plan?",
  "Thanks for the quick reply!",
];

export const MEETING_TITLES = [
  "Discovery call — {company}",
  "Product demo for {company}",
  "Pricing review",
  "Pilot kickoff with {company}",
];

/** Some notes carry hostile markup on purpose: the UI must render note bodies as text. */
export const NOTES = [
  {
    text: "Met {name} at the SaaS meetup. Warm intro via Marco.",
    html: "<p>Met {name} at the SaaS meetup. Warm intro via <b>Marco</b>.</p>",
  },
  {
    text: "Budget confirmed for Q1. Procurement needs a security questionnaire.",
    html: "<p>Budget confirmed for Q1.</p><ul><li>Procurement needs a security questionnaire.</li></ul>",
  },
  {
    text: "Pasted from {name}'s email: <img src=x onerror=alert(1)>",
    html: "<p>Pasted from {name}'s email: <img src=x onerror=alert(1)></p>",
  },
  {
    text: "Reminder: <script>alert('xss')</script> was in the signature, ignore.",
    html: "<p>Reminder: <script>alert('xss')</script> was in the signature, ignore.</p>",
  },
  { text: "Champion is {name}. Blocker: the CFO.", html: "<p>Champion is <i>{name}</i>. Blocker: the CFO.</p>" },
  {
    text: "Sent the contract & the DPA; waiting on legal.",
    html: "<p>Sent the contract &amp; the DPA; waiting on legal.</p>",
  },
];

export const TASK_TEXTS: Record<string, string[]> = {
  lead: [
    "Follow up with {name} about the proposal",
    "Send the case study to {company}",
    "Prepare the demo for {company}",
    "Ask {name} for an intro to the CFO",
  ],
  incoming_email: ["Reply to {name}", "Answer {name}'s pricing question"],
  email_followup: ["Follow up: no reply from {name}", "Bump the thread with {company}"],
  missed_call: ["Missed call from {name}", "Call back {name}"],
  answered_detached_call: ["Log the call with {name}"],
  voicemail: ["Listen to the voicemail from {name}"],
  opportunity_due: ["Opportunity with {company} is due to close"],
  incoming_sms: ["Reply to the text from {name}"],
};
