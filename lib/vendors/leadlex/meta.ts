import type { VendorMeta } from "../meta";

export const leadlexMeta = {
  id: "leadlex",
  label: "Leadlex",
  color: { light: "oklch(0.68 0.17 55)", dark: "oklch(0.78 0.15 60)" },
  appUrl: "https://app.leadlex.com",
  identityUrl: (vendorId) => `https://app.leadlex.com/contacts/${encodeURIComponent(vendorId)}`,
  openFirst: "contact",
  keyHelp: {
    where: "Leadlex → Settings → API keys (starts with wbk_)",
    note: "The key needs the activities:read permission.",
  },
  limits:
    "Small and per plan (Starter 10 a minute and 100 a day; Pro 50 and 1 000), reset at midnight UTC; Touchline budgets the day and keeps a reserve for Refresh now.",
  dailyQuota: {
    plans: [
      { id: "starter", label: "Starter", perDay: 100 },
      { id: "pro", label: "Pro", perDay: 1000 },
    ],
    assumedPlan: "starter",
  },
  hasTasks: true,
  canWriteTasks: false,
  userNoun: "user",
  campaignNotes: [
    "Leadlex reports all-time counts and divides its rates by emails sent, not by delivered emails.",
    "Touchline reads Leadlex activity person by person within the daily API quota, so it may not hold every email of a campaign yet; Leadlex's own totals are complete.",
  ],
  rateFormulas: {
    reply: ["replied", "sent"],
    open: ["opened", "sent"],
    click: ["clicked", "sent"],
    bounce: ["bounced", "sent"],
  },
  demoShare: { activities: 0.1, tasks: 0.2, campaigns: 3 / 12 },
  baseUrlEnv: "LEADLEX_API_URL",
  raw: {
    threadKeys: ["messages", "conversation", "replies"],
  },
} as const satisfies VendorMeta<"leadlex">;
