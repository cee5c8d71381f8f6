import type { SandboxVendor } from "../shared/sandbox-vendor";
import { BASE_PATH, createCloseSimulator, DEMO_API_KEY } from "./simulator";

/** The Close simulator as the sandbox registry (lib/sandbox/registry.ts) starts it. */
export const closeSandbox: SandboxVendor<"close"> = {
  vendor: "close",
  basePath: BASE_PATH,
  demoApiKey: DEMO_API_KEY,
  create: (world, opts) => createCloseSimulator(world, opts),
};
