import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";

/**
 * For route-handler tests: points this test file's process at a fresh PGlite data dir
 * (or at `DATABASE_URL` when given), so `getStore()` inside the handlers opens it.
 * Call before importing modules that read the env. Returns the data dir.
 */
export function setTempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-route-"));
  process.env.TOUCHLINE_DATA_DIR = dir;
  process.env.TOUCHLINE_DEMO = "off";
  return dir;
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * A session cookie for a test user (created on first use) — every /api/v1 route needs a
 * session or a token. The user's password hash never verifies: it cannot sign in.
 */
let testCookie: Promise<string> | undefined;
export function testSessionCookie(): Promise<string> {
  testCookie ??= (async () => {
    const { getDb } = await import("@/lib/server/store/db");
    const t = await import("@/lib/server/store/schema");
    const { sealSession, SESSION_COOKIE } = await import("@/lib/server/auth/session");
    const user = { id: "usr_route_tests", email: "route-tests@touchline.test" };
    await (
      await getDb()
    )
      .insert(t.users)
      .values({ ...user, passwordHash: "!" })
      .onConflictDoNothing();
    return `${SESSION_COOKIE}=${await sealSession(user)}`;
  })();
  return testCookie;
}

/**
 * Calls a route handler like Next would, with a real NextRequest from this app's own
 * origin, signed in as a test user unless `anonymous` (or a cookie/authorization header is given).
 */
export async function callRoute(
  handler: Handler,
  url: string,
  opts: {
    params?: Record<string, string>;
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    anonymous?: boolean;
  } = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const given = Object.keys(opts.headers ?? {}).map((k) => k.toLowerCase());
  const auth: Record<string, string> =
    opts.anonymous || given.includes("cookie") || given.includes("authorization")
      ? {}
      : { cookie: await testSessionCookie() };
  const req = new NextRequest(new URL(url, "http://127.0.0.1:3000"), {
    method: opts.method ?? "GET",
    headers: {
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      ...auth,
      ...opts.headers,
    },
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
