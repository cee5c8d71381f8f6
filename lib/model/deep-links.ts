import type { Vendor } from "./vendor";

/**
 * Links into each vendor's own app for a person's record. A connector may give the
 * exact URL (kept on the identity); otherwise it is built from the record's id and kind.
 */
export const VENDOR_APP_URLS: Record<Vendor, string> = {
  lemlist: "https://app.lemlist.com",
  smartlead: "https://app.smartlead.ai",
  close: "https://app.close.com",
  leadlex: "https://app.leadlex.com",
};

const enc = encodeURIComponent;

export function identityUrl(vendor: Vendor, vendorId: string, kind?: string | null): string {
  const base = VENDOR_APP_URLS[vendor];
  switch (vendor) {
    case "lemlist":
      // ctc_… is the account-wide contact, lea_… the lead inside one campaign.
      return vendorId.startsWith("lea_") || kind === "lead"
        ? `${base}/leads/${enc(vendorId)}`
        : `${base}/contacts/${enc(vendorId)}`;
    case "close":
      // Close shows contacts inside their lead's page.
      return vendorId.startsWith("lead_") || kind === "lead"
        ? `${base}/lead/${enc(vendorId)}/`
        : `${base}/contact/${enc(vendorId)}/`;
    case "smartlead":
      return `${base}/app/master-inbox?leadId=${enc(vendorId)}`;
    case "leadlex":
      return `${base}/contacts/${enc(vendorId)}`;
  }
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

/** Identity kind in words, for link labels ("Close lead", "lemlist contact"). */
export function identityKindLabel(vendorId: string, kind?: string | null): string {
  if (kind) return kind.replace(/_/g, " ");
  if (vendorId.startsWith("lea_") || vendorId.startsWith("lead_")) return "lead";
  return "contact";
}
