import { NextRequest } from "next/server";
import { pgliteDataDir } from "@/tests/helpers/pglite-dir";

/**
 * For route-handler tests: points this test file's process at a fresh PGlite data dir
 * (or at `DATABASE_URL` when given), so `getStore()` inside the handlers opens it.
 * Call before importing modules that read the env. Returns the data dir.
 */
export function setTempDataDir(): string {
  const dir = pgliteDataDir("touchline-route-");
  process.env.TOUCHLINE_DATA_DIR = dir;
  process.env.TOUCHLINE_DEMO = "off";
  return dir;
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * A session cookie for a test user of `role` (created on first use, with a server-side
 * session) — every /api/v1 route needs a session or a token. The users' password hashes
 * never verify: they cannot sign in.
 */
const cookies = new Map<string, Promise<string>>();
export function sessionCookieFor(role: "owner" | "admin" | "member" | "viewer", name = role): Promise<string> {
  let c = cookies.get(`${role}:${name}`);
  if (!c) {
    c = (async () => {
      const { getDb } = await import("@/lib/server/store/db");
      const t = await import("@/lib/server/store/schema");
      const { sealSession, SESSION_COOKIE } = await import("@/lib/server/auth/session");
      const { createSession } = await import("@/lib/server/auth/sessions");
      const db = await getDb();
      const id = role === "owner" && name === "owner" ? "usr_route_tests" : `usr_route_${name}`;
      const email =
        role === "owner" && name === "owner" ? "route-tests@touchline.test" : `route-${name}@touchline.test`;
      await db.insert(t.users).values({ id, email, role, passwordHash: "!" }).onConflictDoNothing();
      const sessionId = await createSession(db, id, { userAgent: "vitest", ip: "127.0.0.1" });
      return `${SESSION_COOKIE}=${await sealSession({ sessionId, userId: id })}`;
    })();
    cookies.set(`${role}:${name}`, c);
  }
  return c;
}

/** The owner's cookie: what every route test calls with unless it says otherwise. */
export function testSessionCookie(): Promise<string> {
  return sessionCookieFor("owner");
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
      "x-touchline-peer": "127.0.0.1",
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
