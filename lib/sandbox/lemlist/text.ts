/** Word lists the lemlist generator draws from, so the data reads like a real outbound team's. */

export const CAMPAIGN_NAMES = [
  "Unicorn campaign — RevOps leaders",
  "Founders EU — cold intro",
  "Webinar follow-up (Oct)",
  "Series A CTOs",
  "Re-engagement 2026",
  "LinkedIn-first SDR play",
  "Healthcare ops — multichannel",
  "Q1 expansion — North America",
  "Agency partners",
  "Event no-shows",
];

export const LABELS = ["outbound", "inbound-followup", "multichannel", "test", "EMEA", "NA"];

export const USERS = [
  { name: "Camille Laurent", email: "camille@touchline-demo.example" },
  { name: "Jordan Blake", email: "jordan@touchline-demo.example" },
  { name: "Priya Raman", email: "priya@touchline-demo.example" },
  { name: "Tom Weber", email: "tom@touchline-demo.example" },
];

/** Per step index; `{first}` and `{company}` are filled per lead. */
export const SUBJECTS_A = [
  "Quick question about {company}",
  "Re: Quick question about {company}",
  "An idea for {company}'s outbound",
  "Worth 15 minutes, {first}?",
  "Case study: how Globex booked 3x meetings",
  "Closing the loop, {first}",
];
export const SUBJECTS_B = [
  "{first}, a thought on {company}'s pipeline",
  "Re: {first}, a thought on {company}'s pipeline",
  "How teams like {company} handle follow-ups",
  "Coffee next week?",
  "3x more meetings — the playbook",
  "Should I stop reaching out?",
];

export const BODIES = [
  "Hi {first},\n\nI noticed {company} has been hiring SDRs this quarter. Teams at that stage usually lose a third of their replies in follow-up chaos. We built a way to keep every touch in one place.\n\nWould it be worth a quick chat?\n\n{sender}",
  "Hi {first},\n\nJust bumping this up in case it got buried. Happy to share a 2-minute video instead of a call if that's easier.\n\n{sender}",
  "Hi {first},\n\nHere is how Globex's team cut their ramp time from 90 to 45 days with a shared timeline for every prospect: https://example.com/case-study\n\nWould something similar help at {company}?\n\n{sender}",
  "Hi {first},\n\nI'll be in town next week — would you be up for a coffee to compare notes on outbound at {company}?\n\n{sender}",
  "Hi {first},\n\nNo worries if the timing is off. Should I close your file, or check back next quarter?\n\n{sender}",
];

export const REPLIES_POSITIVE = [
  "Hi {sender_first},\n\nThanks for reaching out — this is timely. Could you send over a few slots for next week?\n\n{first}",
  "Sounds interesting. Tuesday afternoon works for me, send an invite.\n\n{first}",
  "Happy to take a look. Can you loop in my colleague from RevOps as well?\n\n{first}",
];
export const REPLIES_NEGATIVE = [
  "Not a priority for us this year, thanks.\n\n{first}",
  "We already have a vendor for this. Please remove me from your list.",
  "I'm not the right person, sorry.",
];
export const REPLIES_NEUTRAL = [
  "I'm out of the office until Monday with limited access to email.",
  "Can you tell me more about pricing first?\n\n{first}",
  "Forwarding to our Head of Sales.\n\n{first}",
];

export const LINKEDIN_MESSAGES = [
  "Hi {first}, thanks for connecting! Curious how {company} handles outbound follow-ups today?",
  "Hey {first} — saw your post on pipeline reviews, great points. Open to swapping notes?",
];
export const LINKEDIN_REPLIES = [
  "Thanks for the note! Happy to chat next week.",
  "Not right now, but thanks.",
  "Sure, send me some details.",
];

export const NOTES = [
  "Spoke at SaaStr, interested in the Q2 roadmap.",
  "Asked to be contacted after their fundraise closes.",
  "Decision maker is the VP Sales, not {first}.",
  "Prefers WhatsApp over email.",
  "Met at the Paris meetup — warm intro.",
];
export const COMPANY_NOTES = [
  "could help our GTM team be more productive",
  "Budget cycle starts in January.",
  "Using a competitor, contract renews in March.",
  "Three SDRs hired last month — good timing.",
];

export const TASK_TITLES: Record<string, string[]> = {
  manual: ["Keep an eye on {first}", "Research {company} before the call", "Send a personalised video to {first}"],
  phone: ["Call {first} about the demo", "Follow-up call with {first}", "Call {company} switchboard"],
  linkedinInvite: ["Invite {first} on LinkedIn"],
  linkedinSend: ["Send LinkedIn message to {first}"],
  linkedinVoiceNote: ["Record a voice note for {first}"],
  emailsReplied: ["Answer {first}'s reply"],
  opportunityReplied: ["{first} replied — qualify the opportunity"],
  linkedinReplied: ["Reply to {first} on LinkedIn"],
  opportunityClicked: ["{first} clicked the case study — follow up"],
  email: ["Email {first} the pricing deck", "Send {company} the security questionnaire"],
  whatsappMessage: ["WhatsApp {first} a quick hello"],
};
export const TASK_CONTENT = [
  "",
  "",
  "does he have bandwidth to help us? would be grand",
  "Mention the webinar.",
  "Ask about the Q2 budget.",
  "They asked for a callback in the afternoon.",
];

/** Replaces `{key}` placeholders. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
