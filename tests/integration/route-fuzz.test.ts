import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "@/tests/helpers/api-routes";
import { callRoute, setTempDataDir } from "@/tests/helpers/app-store";

// Every GET route under /api/v1, found on disk, gets junk query strings (known parameter
// names with random values, unknown names, odd encodings): it answers 400 (or 404 for an
// unknown id), never a 500, and a 400 is a problem document naming a parameter.
setTempDataDir();

type Handler = Parameters<typeof callRoute>[0];
const PARAMS = [
  "limit",
  "cursor",
  "from",
  "to",
  "tz",
  "kinds",
  "vendors",
  "vendor",
  "q",
  "bots",
  "campaignId",
  "contactId",
  "status",
  "due",
  "dueFrom",
  "dueTo",
  "types",
  "assignee",
  "sort",
  "interval",
  "ids",
  "group",
  "connectionId",
];

const junkValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    "",
    " ",
    "%",
    "%%",
    "null",
    "undefined",
    "[]",
    "{}",
    "0",
    "-1",
    "1e999",
    "2026-13-45",
    "2026-02-30",
    "Mars/Olympus",
    "UTC",
    "task",
    "lemlist,nope",
    ",",
    "\u0000",
    "../../etc/passwd",
    "' or 1=1 --",
    "9".repeat(400),
  ),
);
const junkQuery = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 8 })), junkValue), {
  maxLength: 5,
});

describe("junk query strings on every GET route", () => {
  const routes = apiRoutes("no-such-id");

  beforeAll(async () => {
    const { getStore } = await import("@/lib/server/store/db");
    await getStore();
  });

  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  for (const r of routes) {
    it(`GET ${r.url} never answers 500`, async () => {
      const mod = (await import(/* @vite-ignore */ r.file)) as { GET?: Handler };
      if (!mod.GET) return;
      await fc.assert(
        fc.asyncProperty(junkQuery, async (pairs) => {
          const qs = new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
          const res = await callRoute(mod.GET!, `${r.url}${qs ? `?${qs}` : ""}`, { params: r.params });
          expect(res.status, `${r.url}?${qs} → ${res.text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status === 400) {
            expect(res.headers.get("content-type")).toMatch(/problem\+json/);
            expect((res.json as { detail?: string }).detail).toBeTruthy();
          }
        }),
        { numRuns: 40, seed: 20261124 },
      );
    }, 120_000);
  }

  it("a bad limit on the contact list names the parameter", async () => {
    const mod = (await import("@/app/api/v1/contacts/route")) as { GET: Handler };
    const res = await callRoute(mod.GET, "/api/v1/contacts?limit=abc");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect(JSON.stringify(res.json)).toContain("limit");
  });
});
