import { vendorMeta } from "@/lib/vendors/metas";
import type { Vendor } from "./vendor";

/**
 * Links into each vendor's own app for a person's record. A connector may give the
 * exact URL (kept on the identity); otherwise the vendor's meta.ts builds it from the
 * record's id and kind.
 */
export function identityUrl(vendor: Vendor, vendorId: string, kind?: string | null): string {
  return vendorMeta(vendor).identityUrl(vendorId, kind);
}

/** Only http(s) links leave the app: a vendor-supplied `javascript:` URL is dropped. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Identity kind in words, for link labels ("<vendor> lead", "<vendor> contact"). */
export function identityKindLabel(vendorId: string, kind?: string | null): string {
  if (kind) return kind.replace(/_/g, " ");
  if (vendorId.startsWith("lea_") || vendorId.startsWith("lead_")) return "lead";
  return "contact";
}
