import "server-only";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { BASE_PATH, createLemlistSimulator, type LemlistSimulator } from "@/lib/sandbox/lemlist/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { ConnectorContext, Stream, StreamPage } from "@/lib/vendors/types";
import { lemlistActivityId } from "./calls";
import { createLemlistConnector, type ActivitiesState, type LemlistConnectorOptions } from "./index";
import type { LemlistActivityRow } from "./schemas";

// What the connector-*.test.ts files share: the connector against the lemlist simulator over
// real HTTP on 127.0.0.1, the simulator's own ids to compare with, and `h`, the harness a
// file's "lemlist connector" tests share (a live binding, set by `shareHarness()`).

export const NOW = new Date("2026-11-24T12:00:00Z").getTime();
export const KEY = "9b1e4c7d2a6f48e0b3c5d7f9a1e2c4b6";
const world = () => createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 200, now: new Date(NOW) });
/** Fast pacing for tests: the simulator's limit is raised to match (the documented pace has a test of its own). */
export const FAST: LemlistConnectorOptions = {
  pace: { limit: 5000, windowMs: 1000 },
  maxBackoffMs: 20,
  maxRetries: 3,
  maxRateLimitRetries: 8,
  timeoutMs: 3000,
};

export interface Harness {
  sim: LemlistSimulator;
  server: RunningServer;
  baseUrl: string;
  /** The connector's clock; the simulator's drift items are created one second after it. */
  clock: { t: number };
  statuses: number[];
}

export async function startHarness(opts: Parameters<typeof createLemlistSimulator>[1] = {}): Promise<Harness> {
  const clock = { t: NOW + 3_600_000 };
  const sim = createLemlistSimulator(world(), {
    apiKey: KEY,
    rateLimit: { limit: 5000, windowMs: 1000 },
    now: () => clock.t + 1000,
    ...opts,
  });
  const statuses: number[] = [];
  const server = await serveHandler(async (req) => {
    const res = await sim.handler(req);
    statuses.push(res.status);
    return res;
  });
  return { sim, server, baseUrl: server.url + BASE_PATH, clock, statuses };
}

export function ctxFor(
  h: Harness,
  extra: Partial<ConnectorContext> = {},
): ConnectorContext & { warnings: { message: string; fields?: Record<string, unknown> }[] } {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    baseUrl: h.baseUrl,
    apiKey: KEY,
    now: () => new Date(h.clock.t),
    warn: (message, fields) => warnings.push({ message, fields }),
    warnings,
    ...extra,
  };
}

export async function drain<S>(stream: Stream<S>, state: S | null): Promise<StreamPage<S>[]> {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) {
    pages.push(p);
    if (pages.length > 10_000) throw new Error("runaway stream");
  }
  return pages;
}

export function streamsOf(h: Harness, options: LemlistConnectorOptions = FAST, ctx = ctxFor(h)) {
  const session = createLemlistConnector(options).open(ctx);
  const [campaigns, activities, tasks] = session.streams() as [Stream, Stream<ActivitiesState>, Stream];
  return { session, campaigns: campaigns!, activities: activities!, tasks: tasks!, ctx };
}

export const activityIds = (pages: StreamPage<unknown>[]) =>
  pages.flatMap((p) => p.batch.activities ?? []).map((a) => a.id);
/** Touchline's ids for the simulator's rows: an Aircall call's rows share one. */
export const simActivityIds = (sim: LemlistSimulator, upTo = Infinity) => [
  ...new Set(
    sim.data.activities
      .filter((a) => Date.parse(a.createdAt) < upTo)
      .map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)),
  ),
];
export const openTaskIds = (sim: LemlistSimulator) =>
  sim.data.tasks.filter((t) => !sim.data.doneTaskIds.has(t._id)).map((t) => `lemlist:${t._id}`);
export const sorted = (xs: string[]) => [...xs].sort();

export async function expectKeyless(p: Promise<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  expect((err as Error).message).not.toContain(KEY);
  expect((err as Error).message).not.toContain(Buffer.from(`:${KEY}`).toString("base64"));
  return err as Error;
}

export let h: Harness;

/** One harness for the calling file's tests, in order; faults set by a test end with it. */
export function shareHarness() {
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.server.close();
  });
  afterEach(() => {
    h.sim.faults.clear();
  });
}
