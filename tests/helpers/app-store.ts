import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";

/**
 * For route-handler tests: points this test file's process at a fresh PGlite data dir
 * (or at `DATABASE_URL` when given), so `getStore()` inside the handlers opens it.
 * Call before importing modules that read the env. Returns the data dir.
 */
export function useTempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-route-"));
  process.env.TOUCHLINE_DATA_DIR = dir;
  process.env.TOUCHLINE_DEMO = "off";
  return dir;
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler like Next would, with a real NextRequest. */
export async function callRoute(
  handler: Handler,
  url: string,
  opts: { params?: Record<string, string>; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const req = new NextRequest(new URL(url, "http://127.0.0.1:3000"), {
    method: opts.method ?? "GET",
    headers: { ...(opts.body !== undefined ? { "content-type": "application/json" } : {}), origin: "http://127.0.0.1:3000", ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, json, text };
}
