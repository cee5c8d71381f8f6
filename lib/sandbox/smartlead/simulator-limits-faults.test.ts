import { describe, expect, it } from "vitest";
import { serveHandler } from "@/lib/sandbox/shared/serve";
import { data, get, KEY, type LeadRow, NOW, server, serveSimulator, world } from "./simulator-harness";
import { BASE_PATH, createSmartleadSimulator } from "./simulator";

// Contract tests of the Smartlead simulator over real HTTP: the rate limit (each test on a
// simulator of its own) and the faults the sandbox can inject. Each cites the line of
// /work/shared/VENDORS.md ("Smartlead") it checks.

serveSimulator();

describe("rate limit — VENDORS.md: pace at 10 per 2 s; 429 body {error:{code:RATE_LIMIT_EXCEEDED,retry_after}}", () => {
  it("a burst of 15 gives exactly 10 passes and 5 × 429 with Retry-After and the same retry_after in the body", async () => {
    // A frozen clock makes the sliding log exact whatever the machine's speed.
    const frozen = NOW.getTime();
    const sim = createSmartleadSimulator(world, { apiKey: KEY, now: () => frozen, data });
    const srv = await serveHandler(sim.handler);
    try {
      const res = await Promise.all(
        Array.from({ length: 15 }, async () => {
          const r = await fetch(`${srv.url}${BASE_PATH}/campaigns/?api_key=${KEY}`);
          return { status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.json() };
        }),
      );
      expect(res.filter((r) => r.status === 200)).toHaveLength(10);
      const limited = res.filter((r) => r.status === 429);
      expect(limited).toHaveLength(5);
      for (const r of limited) {
        expect(r.retryAfter).toBe("2");
        expect(r.body).toEqual({ error: { code: "RATE_LIMIT_EXCEEDED", retry_after: 2 } });
      }
    } finally {
      await srv.close();
    }
  });

  it("the limit is per key: a wrong key does not use up the right key's budget", async () => {
    const sim = createSmartleadSimulator(world, { apiKey: KEY, now: () => NOW.getTime(), data });
    const srv = await serveHandler(sim.handler);
    try {
      for (let i = 0; i < 12; i++) await fetch(`${srv.url}${BASE_PATH}/campaigns/?api_key=wrong`);
      expect((await fetch(`${srv.url}${BASE_PATH}/campaigns/?api_key=${KEY}`)).status).toBe(200);
    } finally {
      await srv.close();
    }
  });
});

describe("fault injection (lib/sandbox/shared/faults.ts)", () => {
  it("POST /__sandbox/faults: a 429 storm answers Smartlead's 429 with the given Retry-After", async () => {
    await fetch(`${server.url}${BASE_PATH}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ status429: 2, retryAfterSeconds: 3 }),
    });
    const a = await get("/campaigns/");
    const b = await get("/campaigns/");
    const c = await get("/campaigns/");
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers.get("retry-after")).toBe("3");
    expect(a.body).toEqual({ error: { code: "RATE_LIMIT_EXCEEDED", retry_after: 3 } });
  });

  it("x-sandbox-fault header: one 500 with Smartlead's error body, then normal", async () => {
    const r = await get("/campaigns/", {}, KEY, { headers: { "x-sandbox-fault": JSON.stringify({ status5xx: 1 }) } });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: { code: "INTERNAL_SERVER_ERROR", message: expect.any(String) } });
    expect((await get("/campaigns/")).status).toBe(200);
  });

  it("malformed JSON and a revoked key", async () => {
    const bad = await get("/campaigns/", {}, KEY, {
      headers: { "x-sandbox-fault": JSON.stringify({ malformedJson: 1 }) },
    });
    expect(bad.status).toBe(200);
    expect(typeof bad.body).toBe("string");
    const revoked = await get("/campaigns/", {}, KEY, {
      headers: { "x-sandbox-fault": JSON.stringify({ revokeKey: true }) },
    });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  });

  it("page drift: driftPerRequest sends new emails at the simulator's now before answering", async () => {
    const sim = createSmartleadSimulator(world, {
      apiKey: KEY,
      now: () => NOW.getTime() + 3_600_000,
      rateLimit: { limit: 1000, windowMs: 1000 },
    });
    const srv = await serveHandler(sim.handler);
    try {
      const before = sim.data.leads.reduce((n, l) => n + l.activities.length, 0);
      const url = `${srv.url}${BASE_PATH}/campaigns/all-leads-activities?api_key=${KEY}&event_time_from=2026-11-24T12:30:00Z`;
      const r = await fetch(url, { headers: { "x-sandbox-fault": JSON.stringify({ driftPerRequest: 3 }) } });
      const body = (await r.json()) as { data: LeadRow[] };
      expect(sim.data.leads.reduce((n, l) => n + l.activities.length, 0)).toBe(before + 3);
      expect(body.data.flatMap((l) => l.activities).map((a) => a.sent_time)).toEqual(
        Array(3).fill("2026-11-24T13:00:00.000Z"),
      );
    } finally {
      await srv.close();
    }
  });
});
