import type { Vendor } from "@/lib/model/vendor";
import * as close from "./close/simulator";
import * as leadlex from "./leadlex/simulator";
import * as lemlist from "./lemlist/simulator";
import type { Simulator } from "./shared/harness";
import type { Faults } from "./shared/faults";
import { serveHandler, type RunningServer } from "./shared/serve";
import type { World } from "./shared/world";
import * as smartlead from "./smartlead/simulator";

export { createWorld, DEMO_WORLD } from "./shared/world";
export type { World } from "./shared/world";

export interface SandboxVendor {
  basePath: string;
  demoApiKey: string;
  /** `options` are the vendor simulator's own (rate limits, plan…), e.g. `{ perMinute: 600 }` for Leadlex in tests. */
  create(world: World, opts?: { faults?: Faults } & Record<string, unknown>): Simulator & { apiKey: string };
}

export const sandboxVendors: Record<Vendor, SandboxVendor> = {
  lemlist: {
    basePath: lemlist.BASE_PATH,
    demoApiKey: lemlist.DEMO_API_KEY,
    create: (w, o) => lemlist.createLemlistSimulator(w, o),
  },
  smartlead: {
    basePath: smartlead.BASE_PATH,
    demoApiKey: smartlead.DEMO_API_KEY,
    create: (w, o) => smartlead.createSmartleadSimulator(w, o),
  },
  close: {
    basePath: close.BASE_PATH,
    demoApiKey: close.DEMO_API_KEY,
    create: (w, o) => close.createCloseSimulator(w, o),
  },
  leadlex: {
    basePath: leadlex.BASE_PATH,
    demoApiKey: leadlex.DEMO_API_KEY,
    create: (w, o) => leadlex.createLeadlexSimulator(w, o),
  },
};

export interface RunningSandbox {
  vendor: Vendor;
  baseUrl: string;
  apiKey: string;
  simulator: Simulator;
  server: RunningServer;
}

/** Starts the four simulators over real HTTP on 127.0.0.1 (ephemeral ports unless given). */
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
  for (const vendor of opts.vendors ?? (Object.keys(sandboxVendors) as Vendor[])) {
    const v = sandboxVendors[vendor];
    const simulator = v.create(world, { ...opts.options?.[vendor], faults: opts.faults?.[vendor] });
    const server = await serveHandler(simulator.handler, { port: opts.ports?.[vendor] ?? 0 });
    out.push({ vendor, baseUrl: server.url + v.basePath, apiKey: simulator.apiKey, simulator, server });
  }
  return out;
}
