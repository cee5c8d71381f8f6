// zod-free, like plain/*: client components import these (a module that defines zod
// schemas at its top level brings all of zod into the page's JavaScript). The schema is
// in vendor-schema.ts. The list itself is lib/vendors/metas.ts.
import { byVendor, VENDOR_METAS, VENDORS, type Vendor } from "@/lib/vendors/metas";

export { VENDORS, type Vendor };

export const VENDOR_LABELS = byVendor((m) => m.label);

/** Which vendors have a tasks API. */
export const VENDORS_WITH_TASKS: readonly Vendor[] = VENDOR_METAS.filter((m) => m.hasTasks).map((m) => m.id);
