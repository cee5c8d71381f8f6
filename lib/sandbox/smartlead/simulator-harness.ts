import "server-only";
import { afterAll, beforeAll } from "vitest";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { SmartleadData, SmartleadLead } from "./records";
import { BASE_PATH, createSmartleadSimulator } from "./simulator";

// What the simulator-*.test.ts files share: one world, one simulator served over real HTTP
// per test file, and the request helper. `server`, `base` and `data` are live bindings, set
// once `serveSimulator()`'s beforeAll has run.

export const NOW = new Date("2026-11-24T12:00:00Z");
export const world = createWorld({ people: 60, activities: 3000, now: NOW });
export const KEY = "test-key-0f6c2d9a";

export let server: RunningServer;
let base: string;
export let data: SmartleadData;

/** Serves a fresh simulator for the calling test file (a file's tests share its state, in order). */
export function serveSimulator() {
  beforeAll(async () => {
    // A generous limit: these tests are about the API; the limiter has its own server
    // (simulator-limits-faults.test.ts).
    const sim = createSmartleadSimulator(world, {
      apiKey: KEY,
      now: () => NOW.getTime(),
      rateLimit: { limit: 100_000, windowMs: 1_000 },
    });
    data = sim.data;
    server = await serveHandler(sim.handler);
    base = server.url + BASE_PATH;
  });
  afterAll(() => server?.close());
}

export async function get(
  path: string,
  query: Record<string, string> = {},
  key: string | null = KEY,
  init?: RequestInit,
) {
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  if (key !== null) url.searchParams.set("api_key", key);
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, unknown> & unknown[] };
}

export type LeadRow = Omit<SmartleadLead, "activities"> & { activities: SmartleadLead["activities"] };
