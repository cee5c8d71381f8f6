import { leadOrContactUrl, type VendorMeta } from "../meta";

export const lemlistMeta = {
  id: "lemlist",
  label: "lemlist",
  color: { light: "oklch(0.6 0.2 300)", dark: "oklch(0.72 0.17 300)" },
  appUrl: "https://app.lemlist.com",
  // ctc_… is the account-wide contact, lea_… the lead inside one campaign.
  identityUrl: leadOrContactUrl(
    "lea_",
    (id) => `https://app.lemlist.com/leads/${id}`,
    (id) => `https://app.lemlist.com/contacts/${id}`,
  ),
  openFirst: "contact",
  keyHelp: {
    where: "lemlist → Settings → Integrations → API",
    note: "Any team member's key works; it reads the whole team.",
  },
  limits: "20 requests per 2 s per key on every route; Touchline waits for Retry-After.",
  hasTasks: true,
  canWriteTasks: true,
  userNoun: "user",
  campaignNotes: [
    "lemlist counts leads (people), Touchline counts people × steps: someone who opens three emails of a sequence is 1 for lemlist, 3 here.",
    "lemlist divides replies by opens for its reply rate; Touchline divides by delivered emails.",
    "lemlist's opens and clicks include machine (security-scanner) opens, which Touchline leaves out unless you include them.",
  ],
  differenceNotes: {
    delivered: "lemlist's delivered = sent − bounced − failed sends.",
    opened: "lemlist: unique leads, machine events included.",
    clicked: "lemlist: unique leads, machine events included.",
    replied: "Counted per lead by the vendor, per person × step here.",
  },
  rateFormulas: { reply: ["replied", "opened"] },
  demoShare: { activities: 0.4, tasks: 0.4, campaigns: 5 / 12 },
  baseUrlEnv: "LEMLIST_API_URL",
  raw: {
    threadKeys: ["history", "messages"],
    // The actor column prefers the sending user (sendUserId) while `userName` names the
    // user who acted (`userId`), so names are read from the raw row's pair.
    users: { idKey: "userId", nameKey: "userName", senderIdKey: "sendUserId" },
  },
} as const satisfies VendorMeta<"lemlist">;
