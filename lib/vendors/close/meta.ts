import { leadOrContactUrl, type VendorMeta } from "../meta";

export const closeMeta = {
  id: "close",
  label: "Close",
  color: { light: "oklch(0.6 0.15 150)", dark: "oklch(0.74 0.14 150)" },
  appUrl: "https://app.close.com",
  // Close shows contacts inside their lead's page.
  identityUrl: leadOrContactUrl(
    "lead_",
    (id) => `https://app.close.com/lead/${id}/`,
    (id) => `https://app.close.com/contact/${id}/`,
  ),
  openFirst: "lead",
  keyHelp: { where: "Close → Settings → Developer → API Keys", note: "A key of an admin sees every lead and task." },
  limits: "Per key and endpoint group, told in the RateLimit header; on 429 Touchline waits for its reset.",
  hasTasks: true,
  canWriteTasks: true,
  userNoun: "user",
  campaignNotes: ["Close reports no campaign statistics of its own."],
  demoShare: { activities: 0.2, tasks: 0.4, campaigns: 0 },
  baseUrlEnv: "CLOSE_API_URL",
  raw: {
    threadKeys: ["thread", "emails", "messages"],
  },
} as const satisfies VendorMeta<"close">;
