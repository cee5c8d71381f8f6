import { describe, expect, it } from "vitest";
import { serveHandler } from "@/lib/sandbox/shared/serve";
import type { LemlistActivity } from "./records";
import { BASE_PATH, createLemlistSimulator, DEMO_API_KEY } from "./simulator";
import { base, basic, get, sim, simNow, serveSimulator, world } from "./simulator-harness";

// How the simulator refuses and fails on purpose: the documented rate limit (on a simulator
// of its own) and the fault injection. "seed 000" = lemlist activities.

serveSimulator();

describe("lemlist simulator: rate limit (seed 000: 20 requests per 2 seconds, all routes, per key)", () => {
  it("25 concurrent requests → exactly 20 × 200 and 5 × 429 with Retry-After and X-RateLimit-*", async () => {
    const limited = createLemlistSimulator(world(), { extraApiKeys: ["other-key-1234"] });
    const srv = await serveHandler(limited.handler);
    try {
      const url = srv.url + BASE_PATH;
      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          fetch(`${url}${i % 2 ? "/tasks" : "/activities?version=v2&limit=1"}`, {
            headers: { authorization: basic(DEMO_API_KEY) },
          }),
        ),
      );
      const ok = responses.filter((r) => r.status === 200);
      const refused = responses.filter((r) => r.status === 429);
      expect(ok).toHaveLength(20);
      expect(refused).toHaveLength(5);
      for (const r of refused) {
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(r.headers.get("x-ratelimit-limit")).toBe("20");
        expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
        expect(Number.isFinite(Date.parse(r.headers.get("x-ratelimit-reset")!))).toBe(true);
      }
      // Successful answers carry the headers too, with the remaining budget counting down.
      const remaining = ok.map((r) => Number(r.headers.get("x-ratelimit-remaining"))).sort((a, b) => a - b);
      expect(remaining).toEqual(Array.from({ length: 20 }, (_, i) => i));
      // Per key: another key still has its own 20.
      expect((await fetch(`${url}/team`, { headers: { authorization: basic("other-key-1234") } })).status).toBe(200);
      await Promise.all(responses.map((r) => r.body?.cancel()));
    } finally {
      await srv.close();
    }
  });
});

describe("lemlist simulator: fault injection", () => {
  it("POST /__sandbox/faults {status429: 2} → the next two requests get lemlist's 429, then 200", async () => {
    const res = await fetch(`${base}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ status429: 2, retryAfterSeconds: 3 }),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await get("/team");
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("3");
      expect(r.headers.get("x-ratelimit-limit")).toBe("20");
    }
    expect((await get("/team")).status).toBe(200);
  });

  it("x-sandbox-fault header: 5xx once, malformed JSON, truncated body, revoked key", async () => {
    expect(
      (await get("/team", { headers: { "x-sandbox-fault": JSON.stringify({ status5xx: 1, errorStatus: 503 }) } }))
        .status,
    ).toBe(503);
    const bad = await get("/activities?version=v2&limit=3", {
      headers: { "x-sandbox-fault": JSON.stringify({ malformedJson: 1 }) },
    });
    expect(bad.status).toBe(200);
    const text = await bad.text();
    expect(() => JSON.parse(text)).toThrow();
    const cut = await get("/activities?version=v2&limit=50", {
      headers: { "x-sandbox-fault": JSON.stringify({ truncate: 1 }) },
    });
    await expect(cut.text()).rejects.toThrow();
    expect((await get("/team", { headers: { "x-sandbox-fault": JSON.stringify({ revokeKey: true }) } })).status).toBe(
      401,
    );
    expect((await get("/team")).status).toBe(200);
  });

  it("page drift: driftPerRequest inserts new activities (created at the simulator's now) before answering", async () => {
    const before = sim.data.activities.length;
    const res = await get("/activities?version=v2&limit=5", {
      headers: { "x-sandbox-fault": JSON.stringify({ driftPerRequest: 3 }) },
    });
    const page = (await res.json()) as LemlistActivity[];
    expect(sim.data.activities.length).toBe(before + 3);
    expect(page.slice(0, 3).every((a) => a.createdAt === new Date(simNow).toISOString())).toBe(true);
  });
});
