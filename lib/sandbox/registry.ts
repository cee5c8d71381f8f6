// The simulators, one line per vendor folder (lib/sandbox/<vendor>/index.ts). Keyed by
// vendor, so the compiler names a vendor of lib/vendors/metas.ts that has no simulator.
import type { Vendor } from "@/lib/model/vendor";
import { closeSandbox } from "./close";
import { leadlexSandbox } from "./leadlex";
import { lemlistSandbox } from "./lemlist";
import type { SandboxVendor } from "./shared/sandbox-vendor";
import { smartleadSandbox } from "./smartlead";

export const sandboxVendors: { [V in Vendor]: SandboxVendor<V> } = {
  lemlist: lemlistSandbox,
  smartlead: smartleadSandbox,
  close: closeSandbox,
  leadlex: leadlexSandbox,
};
