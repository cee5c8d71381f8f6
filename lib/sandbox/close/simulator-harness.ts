import { afterAll, beforeAll } from "vitest";
import { serveHandler } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { CloseActivity } from "./records";
import { BASE_PATH, createCloseSimulator, DEMO_API_KEY, type CloseSimulator } from "./simulator";

// What the simulator-*.test.ts files share: one world, a simulator served over real HTTP per test
// file (`t` and its `sim`, live bindings set once `serveSimulator()`'s beforeAll has run), `start()`
// for the tests that need a simulator of their own, and the request helpers.

export const now = new Date("2026-11-24T12:00:00Z");
export const world = createWorld({ now });
export const basic = (user: string, pass = "") => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;

export interface Page<T> {
  data: T[];
  has_more: boolean;
}

export async function start(opts: Parameters<typeof createCloseSimulator>[1] = {}) {
  const sim = createCloseSimulator(world, { rateLimit: { limit: 100_000, windowMs: 10_000 }, ...opts });
  const server = await serveHandler(sim.handler);
  const base = server.url + BASE_PATH;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(base + path, { headers: { authorization: basic(DEMO_API_KEY), ...headers } });
  const json = async <T = Page<CloseActivity>>(path: string, headers: Record<string, string> = {}) => {
    const res = await get(path, headers);
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  };
  return { sim, server, base, get, json };
}

export let t: Awaited<ReturnType<typeof start>>;
export let sim: CloseSimulator;
/** Serves a fresh simulator for the calling test file (a file's tests share its state, in order). */
export function serveSimulator() {
  beforeAll(async () => {
    t = await start({ maxSkip: 300 });
    sim = t.sim;
  });
  afterAll(() => t.server.close());
}

export const byCreatedDesc = (a: CloseActivity, b: CloseActivity) =>
  a.date_created < b.date_created ? 1 : a.date_created > b.date_created ? -1 : a.id < b.id ? 1 : -1;
