import { afterAll, beforeAll, expect } from "vitest";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { LemlistActivity } from "./records";
import { BASE_PATH, createLemlistSimulator, DEMO_API_KEY, type LemlistSimulator } from "./simulator";

// What the simulator-*.test.ts files share: one world, one simulator served over real HTTP
// per test file, and the request helpers. `sim` and `base` are live bindings, set once
// `serveSimulator()`'s beforeAll has run.

export const NOW = new Date("2026-11-24T12:00:00Z");
export const world = () => createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 200, now: NOW });
export const basic = (key: string, user = "") => `Basic ${Buffer.from(`${user}:${key}`).toString("base64")}`;

export let sim: LemlistSimulator;
let server: RunningServer;
export let base: string;
export const simNow = NOW.getTime() + 3_600_000;

export async function get(
  path: string,
  init: { key?: string | null; auth?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth) headers.authorization = init.auth;
  else if (init.key !== null) headers.authorization = basic(init.key ?? DEMO_API_KEY);
  return fetch(base + path, { headers });
}
export async function getJson<T>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}
export const acts = (query: string) => getJson<LemlistActivity[]>(`/activities?version=v2&${query}`);

/** Every activity matching `query`, paging with offset until a short page. */
export async function all(query: string): Promise<LemlistActivity[]> {
  const out: LemlistActivity[] = [];
  for (let offset = 0; offset < 100_000; offset += 100) {
    const page = await acts(`${query}&offset=${offset}&limit=100`);
    out.push(...page);
    if (page.length < 100) break;
  }
  return out;
}

export async function expectTextError(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  const body = await res.text();
  expect(() => JSON.parse(body)).toThrow();
  return body;
}

/** Serves a fresh simulator for the calling test file (a file's tests share its state, in order). */
export function serveSimulator() {
  beforeAll(async () => {
    // The documented limit is tested on its own simulator (simulator-limits-faults.test.ts);
    // here it would only slow the contract tests.
    sim = createLemlistSimulator(world(), { rateLimit: null, now: () => simNow });
    server = await serveHandler(sim.handler);
    base = server.url + BASE_PATH;
  });
  afterAll(async () => {
    await server.close();
  });
}
