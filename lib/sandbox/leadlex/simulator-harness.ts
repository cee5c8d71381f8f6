import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { afterAll, beforeAll } from "vitest";
import type { LeadlexActivity, LeadlexContact, LeadlexTask } from "./data";
import { BASE_PATH, createLeadlexSimulator, type LeadlexSimulatorOptions } from "./simulator";

// What the simulator-*.test.ts files share: one world, a simulator served over real HTTP per
// test file (`r`, a live binding set once `serveSimulator()`'s beforeAll has run), `start()` for
// the tests that need a simulator of their own, and the request helpers.

const NOW = new Date("2026-11-24T12:00:00Z");
export const world = createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 60, now: NOW });

export interface Running {
  base: string;
  server: RunningServer;
  sim: ReturnType<typeof createLeadlexSimulator>;
}

export async function start(opts: LeadlexSimulatorOptions = {}): Promise<Running> {
  const sim = createLeadlexSimulator(world, opts);
  const server = await serveHandler(sim.handler);
  return { base: server.url + BASE_PATH, server, sim };
}

export function get(
  r: Running,
  path: string,
  init: { key?: string | null; headers?: Record<string, string>; method?: string } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? r.sim.apiKey : init.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return fetch(r.base + path, { headers, method: init.method ?? "GET" });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export type ActivitiesBody = {
  data: { activities: LeadlexActivity[] };
  meta: { page: number; per_page: number; total: number };
};
export type ContactsBody = {
  data: { contacts: LeadlexContact[] };
  meta: { page: number; per_page: number; total: number };
};
export type TasksBody = { data: { tasks: LeadlexTask[] }; meta: { page: number; per_page: number; total: number } };
export type ErrorBody = { error: { code: string; message: string } };

export let r: Running;

/** Serves a fresh simulator for the calling test file (a file's tests share its state, in order). */
export function serveSimulator() {
  beforeAll(async () => {
    // Limits far above the plan's, so the contract tests never meet them (the limiter has its own tests).
    r = await start({ perMinute: 100_000, perDay: 1_000_000 });
  });
  afterAll(async () => {
    await r.server.close();
  });
}

/** The contact with the most activities, so paging has something to page through. */
export function busiestContact(): string {
  let best = "";
  let n = -1;
  for (const [id, list] of r.sim.data.byContact) {
    if (list.length > n) {
      best = id;
      n = list.length;
    }
  }
  return best;
}
