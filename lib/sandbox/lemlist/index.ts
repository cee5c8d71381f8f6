import type { SandboxVendor } from "../shared/sandbox-vendor";
import { BASE_PATH, createLemlistSimulator, DEMO_API_KEY } from "./simulator";

/** The Lemlist simulator as the sandbox registry (lib/sandbox/registry.ts) starts it. */
export const lemlistSandbox: SandboxVendor<"lemlist"> = {
  vendor: "lemlist",
  basePath: BASE_PATH,
  demoApiKey: DEMO_API_KEY,
  create: (world, opts) => createLemlistSimulator(world, opts),
};
