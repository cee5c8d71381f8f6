// Why a vendor's own dashboard shows other numbers than Touchline: what each vendor's
// stats endpoint counts, in words (VENDORS.md and the vendors' docs).
import { ENGAGEMENT_COUNTS } from "@/lib/model/plain/campaign";
import type { Vendor } from "@/lib/model/vendor";
import type { RateName, ReportedKey } from "@/lib/vendors/meta";
import { byVendor, vendorMeta } from "@/lib/vendors/metas";

export type { RateName, ReportedKey };

/** The figures a vendor reports beside ours: every engagement count. */
export const REPORTED_KEYS = ENGAGEMENT_COUNTS satisfies readonly ReportedKey[];

/** General notes shown above the side-by-side table (each vendor's meta.ts). */
export const VENDOR_NOTES = byVendor((m) => m.campaignNotes);

/** A note for one figure where the vendor's definition differs from ours. */
export function differenceNote(vendor: Vendor, key: ReportedKey, diff: number): string | null {
  if (diff === 0) return null;
  if (key === "sent" || key === "bounced")
    return "The vendor's figure may cover a different period or include emails not yet synced.";
  const own = vendorMeta(vendor).differenceNotes?.[key];
  if (own) return own;
  if (key === "opened" || key === "clicked") return "Counted per person by the vendor, per person × step here.";
  if (key === "interested")
    return "The vendor marks interest per lead; Touchline counts it per person × step where a step is known.";
  return null;
}

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
  // How the vendor divides its rates, where its meta.ts knows (DESIGN.md).
  const parts = vendorMeta(vendor).rateFormulas?.[rate];
  const formula = parts ? `${parts[0]} / ${parts[1]}` : "the vendor's own formula";
  const given = reported[`${rate}Rate`];
  if (typeof given === "number") return { value: given, formula };
  if (!parts) return null;
  const [n, d] = parts;
  const num = reported[n];
  const den = reported[d];
  return typeof num === "number" && typeof den === "number" && den > 0 ? { value: num / den, formula } : null;
}
