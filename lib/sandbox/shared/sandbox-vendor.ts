import type { Vendor } from "@/lib/model/vendor";
import type { Faults } from "./faults";
import type { Simulator } from "./harness";
import type { World } from "./world";

/** What a vendor's simulator folder gives the sandbox (its `index.ts`). */
export interface SandboxVendor<V extends Vendor = Vendor> {
  vendor: V;
  /** The path the simulator serves its API under, as the vendor's base URL has it. */
  basePath: string;
  /** The key the demo workspace's connection uses. */
  demoApiKey: string;
  /** `options` are the vendor simulator's own (rate limits, plan…), e.g. `{ perMinute: 600 }` in tests. */
  create(world: World, opts?: { faults?: Faults } & Record<string, unknown>): Simulator & { apiKey: string };
}
