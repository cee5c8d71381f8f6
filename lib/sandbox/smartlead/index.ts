import type { SandboxVendor } from "../shared/sandbox-vendor";
import { BASE_PATH, createSmartleadSimulator, DEMO_API_KEY } from "./simulator";

/** The Smartlead simulator as the sandbox registry (lib/sandbox/registry.ts) starts it. */
export const smartleadSandbox: SandboxVendor<"smartlead"> = {
  vendor: "smartlead",
  basePath: BASE_PATH,
  demoApiKey: DEMO_API_KEY,
  create: (world, opts) => createSmartleadSimulator(world, opts),
};
