import { z } from "zod";

export const VENDORS = ["lemlist", "smartlead", "close", "leadlex"] as const;
export const vendorSchema = z.enum(VENDORS);
export type Vendor = z.infer<typeof vendorSchema>;

export const VENDOR_LABELS: Record<Vendor, string> = {
  lemlist: "lemlist",
  smartlead: "Smartlead",
  close: "Close",
  leadlex: "Leadlex",
};

/** Which vendors have a tasks API (Smartlead has none). */
export const VENDORS_WITH_TASKS: readonly Vendor[] = ["lemlist", "close", "leadlex"];
