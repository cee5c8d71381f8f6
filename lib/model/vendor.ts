// zod-free, like plain/*: client components import these (a module that defines zod
// schemas at its top level brings all of zod into the page's JavaScript). The schema is
// in vendor-schema.ts.

export const VENDORS = ["lemlist", "smartlead", "close", "leadlex"] as const;
export type Vendor = (typeof VENDORS)[number];

export const VENDOR_LABELS: Record<Vendor, string> = {
  lemlist: "lemlist",
  smartlead: "Smartlead",
  close: "Close",
  leadlex: "Leadlex",
};

/** Which vendors have a tasks API (Smartlead has none). */
export const VENDORS_WITH_TASKS: readonly Vendor[] = ["lemlist", "close", "leadlex"];
