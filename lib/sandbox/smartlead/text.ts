/** Copy for the generated Smartlead account: campaign names, step templates, replies. */

export const CAMPAIGN_THEMES = [
  "Q4 Outreach",
  "RevOps Leaders",
  "Series A Founders",
  "Logistics Cold Intro",
  "Webinar Follow-up",
  "Churned Trials Win-back",
  "CFO Cost Review",
  "Healthcare Ops",
  "EMEA Expansion",
  "Partner Program",
];
export const CAMPAIGN_SEGMENTS = ["EU", "US", "Mid-market", "Enterprise", "SMB", "DACH", "Nordics", "APAC"];

export const SENDERS = [
  { email: "sam.keller@touchline-outreach.example", name: "Sam Keller" },
  { email: "priya.shah@touchline-outreach.example", name: "Priya Shah" },
  { email: "jonas.weber@gettouchline.example", name: "Jonas Weber" },
  { email: "lea.martin@gettouchline.example", name: "Léa Martin" },
  { email: "omar.diaz@touchline-mail.example", name: "Omar Diaz" },
  { email: "hannah.berg@touchline-mail.example", name: "Hannah Berg" },
];

/** Per step position, subject options; `{{company}}` is filled per lead. */
const SUBJECTS: string[][] = [
  [
    "Quick question about {{company}}'s workflow",
    "{{first_name}}, idea for {{company}}",
    "Cutting manual follow-ups at {{company}}",
  ],
  ["Re: quick question", "Following up, {{first_name}}", "One more thought for {{company}}"],
  ["Worth a 15-minute chat?", "Case study: teams like {{company}}", "Did this land at the wrong time?"],
  ["Should I close the loop?", "Last try, {{first_name}}", "A short video for {{company}}"],
  ["Resources for {{company}}", "Still relevant for {{company}}?", "Parting note"],
  ["Breaking up with your inbox", "Final note, {{first_name}}", "Closing your file"],
];

const BODIES: string[][] = [
  [
    "I noticed {{company}} is growing its sales team. Teams your size usually lose a day a week to stitching together activity from three tools. We built a dashboard that puts every touch on one timeline.",
    "Reaching out because {{company}} came up while I was researching ops leaders. Would a single view of every sequence, call and task be useful to you?",
  ],
  [
    "Bumping this up in case it got buried. Happy to send a two-minute walkthrough instead of a call.",
    "Following up on my note last week — is pipeline visibility on your list this quarter?",
  ],
  [
    "Here is how a team similar to {{company}} cut their weekly reporting from four hours to ten minutes.",
    "Would a 15-minute call next week make sense? I can show you exactly what it would look like with your data.",
  ],
  ["I have not heard back, so I will assume the timing is off. Should I check in next quarter instead?"],
  ["Sharing a short guide we wrote on unifying outreach data. No reply needed if it is not a fit."],
  ["This is my last note. If anything changes at {{company}}, just reply and I will pick it up."],
];

export const CLICK_URLS = [
  "https://touchline.example/demo",
  "https://touchline.example/case-study",
  "https://touchline.example/pricing",
  "https://touchline.example/guide",
];

export const REPLIES: Record<string, string[]> = {
  Interested: [
    "Thanks for reaching out — this is timely. Can we talk Thursday afternoon?",
    "Interesting. Send me a few slots next week and loop in my colleague.",
  ],
  "Meeting Request": [
    "Happy to take a call. Does Tuesday at 10 work?",
    "Let's set up 30 minutes — here is my calendar link.",
  ],
  "Not Interested": [
    "Not a priority for us right now, thanks.",
    "We already have a solution for this. Please remove me from your list.",
  ],
  "Out Of Office": [
    "I am out of the office until Monday with limited access to email.",
    "Thanks for your email. I am on leave and will reply when I am back.",
  ],
  "Information Request": [
    "Can you send pricing and a security overview?",
    "Do you integrate with our CRM? Please send details.",
  ],
  none: ["Thanks, I will pass this on to the right person.", "Who else is using this in our industry?"],
};

/** The lead's further messages in a thread after the first reply. */
export const THREAD_REPLIES = [
  "Following up on my note — did you see my question?",
  "Adding my colleague in copy; she owns this on our side.",
  "Thursday no longer works for me, could we do Friday instead?",
  "Thanks, got the deck. A few questions before we go further.",
  "Sorry for the delay — we discussed it internally and want to continue.",
];

/** Who an email is rendered for: a world person, or a lead record read back for drift. */
export interface Recipient {
  firstName: string;
  company: string;
}

function fill(template: string, p: Recipient): string {
  return template.replaceAll("{{company}}", p.company).replaceAll("{{first_name}}", p.firstName);
}

/** The template subject of a step's variant (as stored on the sequence). */
export function stepSubject(step: number, variant: number): string {
  const options = SUBJECTS[Math.min(step - 1, SUBJECTS.length - 1)]!;
  return options[variant % options.length]!;
}

export function stepBody(step: number, variant: number): string {
  const options = BODIES[Math.min(step - 1, BODIES.length - 1)]!;
  return options[variant % options.length]!;
}

/** The email as sent to one person: Smartlead stores the rendered HTML. */
export function renderEmail(
  subjectTemplate: string,
  bodyTemplate: string,
  p: Recipient,
  senderName: string,
): { subject: string; body: string } {
  return {
    subject: fill(subjectTemplate, p),
    body: `<p>Hi ${p.firstName},</p><p>${fill(bodyTemplate, p)}</p><p>Best,<br>${senderName}</p>`,
  };
}
