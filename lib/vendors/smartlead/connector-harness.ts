import "server-only";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { generateSmartleadData } from "@/lib/sandbox/smartlead/data";
import type { SmartleadData } from "@/lib/sandbox/smartlead/records";
import { BASE_PATH, createSmartleadSimulator, type SmartleadSimulatorOptions } from "@/lib/sandbox/smartlead/simulator";
import type { ConnectorSession, Stream, StreamPage } from "@/lib/vendors/types";
import { FAST, smartleadExpectedEvents, TEST_WORLD_NOW as WORLD_NOW, testWorld } from "./testing";
import {
  createSmartleadConnector,
  type ActivitiesState,
  type CampaignsState,
  type SmartleadConnectorOptions,
} from "./index";

// What the connector-*.test.ts files share: the connector against the Smartlead simulator
// over real HTTP (no mocked fetch), one clock for both, and the helpers that read streams.

export const DAY = 86_400_000;
const world = testWorld();
export const KEY = "sl_test_key_4b7e91c2d0f3a8";
// One clock for simulator and connector, running on from the world's "now", so items made
// during a run are later than the run's start.
const t0 = Date.now();
const clock = () => WORLD_NOW + (Date.now() - t0);

export interface Running {
  data: SmartleadData;
  sim: ReturnType<typeof createSmartleadSimulator>;
  server: RunningServer;
  baseUrl: string;
}

/**
 * A simulator on the running clock. Engagement the generator placed after the world's now
 * is dropped unless `keepLate`: it would land while a test runs and move the expected set.
 */
export async function start(opts: SmartleadSimulatorOptions & { keepLate?: boolean } = {}): Promise<Running> {
  const { keepLate, ...simOpts } = opts;
  const data = simOpts.data ?? generateSmartleadData(world);
  if (!keepLate) data.late = [];
  const sim = createSmartleadSimulator(world, {
    apiKey: KEY,
    now: clock,
    rateLimit: { limit: 1000, windowMs: 1000 },
    ...simOpts,
    data,
  });
  const server = await serveHandler(sim.handler);
  return { data: sim.data, sim, server, baseUrl: server.url + BASE_PATH };
}

export function open(
  baseUrl: string,
  options: SmartleadConnectorOptions = FAST,
  apiKey = KEY,
  warn?: (m: string, f?: Record<string, unknown>) => void,
): ConnectorSession {
  return createSmartleadConnector(options).open({ baseUrl, apiKey, now: () => new Date(clock()), warn });
}

export function streamsOf(s: ConnectorSession) {
  const all = s.streams();
  return {
    names: all.map((x) => x.name),
    campaigns: all.find((x) => x.name === "campaigns") as Stream<CampaignsState>,
    activities: all.find((x) => x.name === "activities") as Stream<ActivitiesState>,
  };
}

export async function collect<S>(stream: Stream<S>, state: S | null) {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) {
    pages.push(p);
    if (pages.length > 5_000) throw new Error("runaway stream");
  }
  return {
    pages,
    activities: pages.flatMap((p) => p.batch.activities ?? []),
    campaigns: pages.flatMap((p) => p.batch.campaigns ?? []),
    state: pages.at(-1)!.state,
    skipped: pages.reduce((n, p) => n + (p.skipped ?? 0), 0),
  };
}

export const sorted = (ids: Iterable<string>) => [...ids].sort();

/** The events the data should give: the rules in map.ts's header, applied to all of it. */
export const expectedEvents = (data: SmartleadData) => smartleadExpectedEvents(data);
