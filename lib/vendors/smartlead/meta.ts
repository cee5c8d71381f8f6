import type { VendorMeta } from "../meta";

export const smartleadMeta = {
  id: "smartlead",
  label: "Smartlead",
  color: { light: "oklch(0.62 0.16 230)", dark: "oklch(0.74 0.13 230)" },
  appUrl: "https://app.smartlead.ai",
  identityUrl: (vendorId) => `https://app.smartlead.ai/app/master-inbox?leadId=${encodeURIComponent(vendorId)}`,
  openFirst: "contact",
  keyHelp: {
    where: "Smartlead → Settings → API Key",
    note: "Smartlead takes the key in the request URL; Touchline masks it in every log line.",
  },
  limits:
    "Documented inconsistently (60 a minute, or 10 per 2 s); Touchline paces at 10 per 2 s and obeys Retry-After.",
  hasTasks: false,
  canWriteTasks: false,
  userNoun: "sending mailbox",
  campaignNotes: [
    "Smartlead's unique opens and clicks are per lead across the whole sequence; Touchline counts people × steps.",
    "Smartlead does not separate machine opens; Touchline leaves them out unless you include them.",
  ],
  differenceNotes: {
    opened: "Smartlead: unique leads across all steps, machine events included.",
    clicked: "Smartlead: unique leads across all steps, machine events included.",
    replied: "Counted per lead by the vendor, per person × step here.",
  },
  demoShare: { activities: 0.3, tasks: 0, campaigns: 4 / 12 },
  baseUrlEnv: "SMARTLEAD_API_URL",
  raw: {
    threadKeys: ["thread_replies", "history"],
    replyKey: "reply_details",
  },
} as const satisfies VendorMeta<"smartlead">;
