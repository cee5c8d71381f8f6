import "server-only";
import { BASE_PATH, createLeadlexSimulator, type LeadlexSimulatorOptions } from "@/lib/sandbox/leadlex/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type {
  ConnectorSession,
  MappedActivity,
  MappedCampaign,
  MappedTask,
  PersonRef,
  Stream,
  StreamPage,
} from "@/lib/vendors/types";
import { afterEach } from "vitest";
import { createLeadlexConnector, type LeadlexConnectorOptions } from ".";

// What the connector-*.test.ts files share: the connector against the Leadlex simulator over
// real HTTP (no mocked fetch), one fresh simulator per `setup()`, and the stream readers.

export const WORLD_NOW = new Date("2026-11-24T12:00:00Z");
// Sync time runs from a minute after the world's "now", at the real pace (limits and timeouts are real).
const offset = WORLD_NOW.getTime() + 60_000 - Date.now();
export const clock = () => Date.now() + offset;
export const OVERLAP = 60 * 60_000;

export const world = () => createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 60, now: WORLD_NOW });

export interface Setup {
  sim: ReturnType<typeof createLeadlexSimulator>;
  server: RunningServer;
  session: ConnectorSession;
  warnings: { message: string; fields?: Record<string, unknown> }[];
  metas: Record<string, unknown>[];
  open(opts?: { apiKey?: string; meta?: Record<string, unknown>; history?: { from: string | null } }): ConnectorSession;
}

export const running: RunningServer[] = [];
/** Closes the simulators a test served once it is over (call at the top of a test file). */
export function closeServersAfterEach() {
  afterEach(async () => {
    while (running.length) await running.pop()!.close();
  });
}

export async function setup(
  simOpts: LeadlexSimulatorOptions = {},
  connOpts: LeadlexConnectorOptions = {},
): Promise<Setup> {
  const sim = createLeadlexSimulator(world(), { perMinute: 6000, perDay: 100_000, now: clock, ...simOpts });
  const server = await serveHandler(sim.handler);
  running.push(server);
  const connector = createLeadlexConnector({ timeoutMs: 400, maxBackoffMs: 40, overlapMs: OVERLAP, ...connOpts });
  const warnings: Setup["warnings"] = [];
  const metas: Record<string, unknown>[] = [];
  const open = (o: { apiKey?: string; meta?: Record<string, unknown>; history?: { from: string | null } } = {}) =>
    connector.open({
      baseUrl: server.url + BASE_PATH,
      apiKey: o.apiKey ?? sim.apiKey,
      now: () => new Date(clock()),
      warn: (message, fields) => warnings.push({ message, fields }),
      onMeta: (m) => metas.push(m),
      meta: o.meta,
      history: o.history,
    });
  return { sim, server, session: open(), warnings, metas, open };
}

export function stream<S>(session: ConnectorSession, name: string): Stream<S> {
  const s = session.streams().find((x) => x.name === name);
  if (!s) throw new Error(`no stream ${name}`);
  return s as Stream<S>;
}

export async function run<S>(session: ConnectorSession, name: string, state: S | null = null) {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream<S>(session, name).pages(state)) {
    pages.push(p);
    if (pages.length > 10_000) throw new Error("runaway stream");
  }
  return { pages, state: pages.at(-1)?.state ?? state };
}

/** The activity rows a stream yielded, without the opens and replies derived from their flags. */
export const activitiesOf = (pages: StreamPage<unknown>[]) =>
  (pages.flatMap((p) => p.batch.activities ?? []) as MappedActivity[]).filter((a) => !isDerived(a));
export const isDerived = (a: MappedActivity) =>
  typeof (a.raw as { derivedFrom?: unknown } | null)?.derivedFrom === "string";
export const quotaMetas = (metas: Record<string, unknown>[]) =>
  metas.filter((m) => m.quota).map((m) => m.quota as { remaining: number; limit: number; resetAt: string });
export const tasksOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.tasks ?? []) as MappedTask[];
export const campaignsOf = (pages: StreamPage<unknown>[]) =>
  pages.flatMap((p) => p.batch.campaigns ?? []) as MappedCampaign[];
export const peopleOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.people ?? []) as PersonRef[];
export const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
export const dataActivityIds = (s: Setup) => s.sim.data.activities.map((a) => `leadlex:${a.id}`).sort();
