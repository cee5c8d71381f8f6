import type { SandboxVendor } from "../shared/sandbox-vendor";
import { BASE_PATH, createLeadlexSimulator, DEMO_API_KEY } from "./simulator";

/** The Leadlex simulator as the sandbox registry (lib/sandbox/registry.ts) starts it. */
export const leadlexSandbox: SandboxVendor<"leadlex"> = {
  vendor: "leadlex",
  basePath: BASE_PATH,
  demoApiKey: DEMO_API_KEY,
  create: (world, opts) => createLeadlexSimulator(world, opts),
};
