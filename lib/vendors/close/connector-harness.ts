import "server-only";
import { afterEach, expect } from "vitest";
import {
  BASE_PATH,
  createCloseSimulator,
  DEMO_API_KEY,
  type CloseSimulatorOptions,
} from "@/lib/sandbox/close/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { ConnectorSession, StreamPage } from "@/lib/vendors/types";
import { basicAuth } from "./client";
import { createCloseConnector, type CloseConnectorOptions } from "./index";

// What the connector-*.test.ts files share: the connector against the Close simulator over real
// HTTP (no mocks), one fresh simulator per `setup()`, the stream reader and the secret check.

export const worldNow = new Date("2026-11-24T12:00:00Z");
const world = createWorld({ people: 60, activities: 3000, tasks: 100, now: worldNow });
const t0 = Date.now();
// Shared by simulator and connector: a minute after the world's "now", moving in real time.
export const clock = () => worldNow.getTime() + 60_000 + (Date.now() - t0);
const FAST: CloseConnectorOptions["client"] = {
  pace: { limit: 10_000, windowMs: 10_000 },
  timeoutMs: 400,
  maxRetries: 3,
  maxBackoffMs: 20,
};
const SECRETS = [DEMO_API_KEY, basicAuth(DEMO_API_KEY).slice(6)];

const open: RunningServer[] = [];
/** Closes the simulators a test served once it is over (call at the top of a test file). */
export function closeServersAfterEach() {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
}

export async function setup(
  simOpts: CloseSimulatorOptions = {},
  connOpts: CloseConnectorOptions = {},
  key = DEMO_API_KEY,
) {
  const sim = createCloseSimulator(world, { now: clock, rateLimit: { limit: 100_000, windowMs: 10_000 }, ...simOpts });
  const server = await serveHandler(sim.handler);
  open.push(server);
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const waits: number[] = [];
  const connector = createCloseConnector({ ...connOpts, client: { ...FAST, ...connOpts.client } });
  const session = connector.open({
    baseUrl: server.url + BASE_PATH,
    apiKey: key,
    now: () => new Date(clock()),
    warn: (message, fields) => warnings.push({ message, fields }),
    onRateLimitWait: (ms) => waits.push(ms),
  });
  return { sim, server, session, warnings, waits, base: server.url + BASE_PATH };
}

export async function run<S>(session: ConnectorSession, name: string, state: S | null = null) {
  const stream = session.streams().find((s) => s.name === name)!;
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) pages.push(p as StreamPage<S>);
  const activities = pages.flatMap((p) => p.batch.activities ?? []);
  const tasks = pages.flatMap((p) => p.batch.tasks ?? []);
  const people = pages.flatMap((p) => p.batch.people ?? []);
  return { pages, activities, tasks, people, last: pages.at(-1)! };
}

export const activityIds = (ids: string[]) => ids.map((id) => `close:${id}`).sort();

export function expectNoSecret(err: unknown) {
  const text = `${(err as Error).message} ${String((err as Error).stack)}`;
  for (const s of SECRETS) expect(text).not.toContain(s);
}
