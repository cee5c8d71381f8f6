import { VENDORS, type Vendor } from "@/lib/model/vendor";
import type { Simulator } from "./shared/harness";
import type { SandboxVendor } from "./shared/sandbox-vendor";
import type { Faults } from "./shared/faults";
import { serveHandler, type RunningServer } from "./shared/serve";
import type { World } from "./shared/world";
import { sandboxVendors } from "./registry";

export { createWorld, DEMO_WORLD } from "./shared/world";
export type { World } from "./shared/world";
export { sandboxVendors };
export type { SandboxVendor } from "./shared/sandbox-vendor";

export interface RunningSandbox {
  vendor: Vendor;
  baseUrl: string;
  apiKey: string;
  simulator: Simulator;
  server: RunningServer;
}

/** Starts every vendor's simulator over real HTTP on 127.0.0.1 (ephemeral ports unless given). */
export async function startSandbox(
  world: World,
  opts: {
    ports?: Partial<Record<Vendor, number>>;
    faults?: Partial<Record<Vendor, Faults>>;
    options?: Partial<Record<Vendor, Record<string, unknown>>>;
    /** Only these simulators (benchmarks of one vendor need not generate the others' data). */
    vendors?: Vendor[];
  } = {},
): Promise<RunningSandbox[]> {
  const out: RunningSandbox[] = [];
  for (const vendor of opts.vendors ?? VENDORS) {
    const v: SandboxVendor = sandboxVendors[vendor];
    const simulator = v.create(world, { ...opts.options?.[vendor], faults: opts.faults?.[vendor] });
    const server = await serveHandler(simulator.handler, { port: opts.ports?.[vendor] ?? 0 });
    out.push({ vendor, baseUrl: server.url + v.basePath, apiKey: simulator.apiKey, simulator, server });
  }
  return out;
}
