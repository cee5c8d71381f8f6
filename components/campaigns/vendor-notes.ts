// Why a vendor's own dashboard shows other numbers than Touchline: what each vendor's
// stats endpoint counts, in words (VENDORS.md and the vendors' docs).
import type { Vendor } from "@/lib/model/vendor";

export const REPORTED_KEYS = [
  "sent",
  "delivered",
  "opened",
  "clicked",
  "replied",
  "bounced",
  "unsubscribed",
  "interested",
] as const;
export type ReportedKey = (typeof REPORTED_KEYS)[number];

/** General notes shown above the side-by-side table. */
export const VENDOR_NOTES: Record<Vendor, string[]> = {
  lemlist: [
    "lemlist counts leads (people), Touchline counts people × steps: someone who opens three emails of a sequence is 1 for lemlist, 3 here.",
    "lemlist divides replies by opens for its reply rate; Touchline divides by delivered emails.",
    "lemlist's opens and clicks include machine (security-scanner) opens, which Touchline leaves out unless you include them.",
  ],
  smartlead: [
    "Smartlead's unique opens and clicks are per lead across the whole sequence; Touchline counts people × steps.",
    "Smartlead does not separate machine opens; Touchline leaves them out unless you include them.",
  ],
  leadlex: [
    "Leadlex reports all-time counts and divides its rates by emails sent, not by delivered emails.",
    "Touchline reads Leadlex activity person by person within the daily API quota, so it may not hold every email of a campaign yet; Leadlex's own totals are complete.",
  ],
  close: ["Close reports no campaign statistics of its own."],
};

/** A note for one figure where the vendor's definition differs from ours. */
export function differenceNote(vendor: Vendor, key: ReportedKey, diff: number): string | null {
  if (diff === 0) return null;
  if (key === "sent" || key === "bounced")
    return "The vendor's figure may cover a different period or include emails not yet synced.";
  if (key === "delivered") return vendor === "lemlist" ? "lemlist's delivered = sent − bounced − failed sends." : null;
  if (key === "opened" || key === "clicked") {
    if (vendor === "lemlist") return "lemlist: unique leads, machine events included.";
    if (vendor === "smartlead") return "Smartlead: unique leads across all steps, machine events included.";
    return "Counted per person by the vendor, per person × step here.";
  }
  if (key === "replied")
    return vendor === "lemlist" || vendor === "smartlead"
      ? "Counted per lead by the vendor, per person × step here."
      : null;
  if (key === "interested")
    return "The vendor marks interest per lead; Touchline counts it per person × step where a step is known.";
  return null;
}

/** How a vendor divides its rates, where known (DESIGN.md: lemlist divides replies by opens; Leadlex's rates are of emails sent). */
const VENDOR_FORMULAS: Partial<Record<Vendor, Partial<Record<RateName, [ReportedKey, ReportedKey]>>>> = {
  lemlist: { reply: ["replied", "opened"] },
  leadlex: {
    reply: ["replied", "sent"],
    open: ["opened", "sent"],
    click: ["clicked", "sent"],
    bounce: ["bounced", "sent"],
  },
};
export type RateName = "open" | "click" | "reply" | "bounce";
export const RATE_NAMES: RateName[] = ["open", "click", "reply", "bounce"];

/**
 * The vendor's own rate as its dashboard shows it: the rate it reports (`replyRate`…) if
 * any, else computed from its own counts by its own formula; null when neither is known.
 */
export function vendorRate(
  vendor: Vendor,
  rate: RateName,
  reported: Partial<Record<string, number | null>>,
): { value: number; formula: string } | null {
  const parts = VENDOR_FORMULAS[vendor]?.[rate];
  const formula = parts ? `${parts[0]} / ${parts[1]}` : "the vendor's own formula";
  const given = reported[`${rate}Rate`];
  if (typeof given === "number") return { value: given, formula };
  if (!parts) return null;
  const [n, d] = parts;
  const num = reported[n];
  const den = reported[d];
  return typeof num === "number" && typeof den === "number" && den > 0 ? { value: num / den, formula } : null;
}
