import "server-only";
import { BASE_PATH, createLemlistSimulator, type LemlistSimulator } from "@/lib/sandbox/lemlist/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { ConnectorContext, Stream, StreamPage } from "@/lib/vendors/types";
import { createLemlistConnector, type ActivitiesState, type LemlistConnectorOptions } from "./index";

// What the history-*.test.ts files share: a simulator with two years of history served over
// real HTTP (with the requests it saw), the connector's streams against it, and a drain.

export const NOW = Date.parse("2026-11-24T12:00:00Z");
export const KEY = "5c1e4c7d2a6f48e0b3c5d7f9a1e2c4b6";
export const FAST: LemlistConnectorOptions = {
  pace: { limit: 50_000, windowMs: 1000 },
  maxBackoffMs: 20,
  timeoutMs: 3000,
};
// Two years of history, so "older than a year" and "the last 3 months" both mean something.
const world = (campaigns = 10) =>
  createWorld({ seed: 5, people: 60, activities: 4000, campaigns, tasks: 150, days: 730, now: new Date(NOW) });

export interface H {
  sim: LemlistSimulator;
  server: RunningServer;
  requests: URL[];
  close(): Promise<void>;
}

export async function start(opts: Parameters<typeof createLemlistSimulator>[1] = {}, campaigns = 10): Promise<H> {
  const sim = createLemlistSimulator(world(campaigns), { apiKey: KEY, rateLimit: null, now: () => NOW, ...opts });
  const requests: URL[] = [];
  const server = await serveHandler(async (req) => {
    requests.push(new URL(req.url));
    return sim.handler(req);
  });
  return { sim, server, requests, close: () => server.close() };
}

export function streams(h: H, extra: Partial<ConnectorContext> = {}) {
  const warnings: string[] = [];
  const session = createLemlistConnector(FAST).open({
    baseUrl: h.server.url + BASE_PATH,
    apiKey: KEY,
    now: () => new Date(NOW),
    warn: (m) => warnings.push(m),
    ...extra,
  });
  const [campaigns, activities, tasks] = session.streams() as [Stream, Stream<ActivitiesState>, Stream];
  return { session, campaigns: campaigns!, activities: activities!, tasks: tasks!, warnings };
}

export async function drain<S>(stream: Stream<S>, state: S | null, stopAfter = Infinity): Promise<StreamPage<S>[]> {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) {
    pages.push(p);
    if (pages.length >= stopAfter) break;
    if (pages.length > 20_000) throw new Error("runaway stream");
  }
  return pages;
}

export const acts = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.activities ?? []);
