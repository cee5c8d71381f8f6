// The browser's list of vendors: each vendor's zod-free meta.ts, in the order the app shows
// them. With lib/vendors/registry.ts (the server's connectors) and lib/sandbox/registry.ts
// (the simulators), the only place that names the vendors. Adding a vendor: README.md.
import { closeMeta } from "./close/meta";
import { leadlexMeta } from "./leadlex/meta";
import { lemlistMeta } from "./lemlist/meta";
import type { VendorMeta } from "./meta";
import { smartleadMeta } from "./smartlead/meta";

export const VENDOR_METAS = [lemlistMeta, smartleadMeta, closeMeta, leadlexMeta] as const;

export type Vendor = (typeof VENDOR_METAS)[number]["id"];
export type VendorBaseUrlEnv = (typeof VENDOR_METAS)[number]["baseUrlEnv"];

export const VENDORS = VENDOR_METAS.map((m) => m.id) as [Vendor, ...Vendor[]];

const BY_ID = {} as Record<Vendor, VendorMeta<Vendor>>;
for (const m of VENDOR_METAS) BY_ID[m.id] = m;

export function vendorMeta(vendor: Vendor): VendorMeta<Vendor> {
  return BY_ID[vendor];
}

/** The vendors' names as a list in words: "lemlist, Smartlead, Close and Leadlex" (or "… or …"). */
export function vendorNames(filter: (m: VendorMeta) => boolean = () => true, conjunction = "and"): string {
  const names = VENDOR_METAS.filter(filter).map((m) => m.label);
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} ${conjunction} ${names.at(-1)}`;
}

/** One fact of every vendor, by vendor: `byVendor((m) => m.label)`. */
export function byVendor<T>(pick: (meta: VendorMeta<Vendor>) => T): Record<Vendor, T> {
  const out = {} as Record<Vendor, T>;
  for (const m of VENDOR_METAS) out[m.id] = pick(m);
  return out;
}

/** A vendor id read from storage or a URL, checked. */
export function isVendor(id: string): id is Vendor {
  return Object.hasOwn(BY_ID, id);
}
