import { describe, expect, it } from "vitest";
import { SEED_003_ACTIVITY } from "./data";
import { busiestContact, get, json, r, serveSimulator, start } from "./simulator-harness";
import type { ActivitiesBody, ContactsBody, ErrorBody, TasksBody } from "./simulator-harness";

// How the simulator refuses and fails on purpose: the documented rate limits (on simulators of
// their own), seed 003's example, fault injection and drift.

serveSimulator();

describe("rate limits — VENDORS.md: `Starter 10/min and 100/day; Pro 50/min and 1 000/day … reset at midnight UTC; headers X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset (epoch)`", () => {
  const MIDNIGHT = Date.parse("2026-11-25T00:00:00Z");

  it("Pro: a burst of 55 gives exactly 50 passes and 5 × 429 rate_limited with Retry-After; the headers state the day", async () => {
    let t = Date.parse("2026-11-24T12:00:00Z");
    const lim = await start({ plan: "pro", now: () => t });
    try {
      const answers = await Promise.all(Array.from({ length: 55 }, () => get(lim, "/v1/campaigns?per_page=1")));
      const ok = answers.filter((a) => a.status === 200);
      const refused = answers.filter((a) => a.status === 429);
      expect(ok.length).toBe(50);
      expect(refused.length).toBe(5);
      for (const a of refused) {
        expect(a.headers.get("retry-after")).toBe("60");
        // A minute's refusal leaves the day as it was: 50 of 1 000 spent.
        expect(a.headers.get("x-ratelimit-limit")).toBe("1000");
        expect(a.headers.get("x-ratelimit-remaining")).toBe("950");
        expect(Number(a.headers.get("x-ratelimit-reset"))).toBe(MIDNIGHT / 1000);
        expect((await json<ErrorBody>(a)).error.code).toBe("rate_limited");
      }
      t += 60_001;
      expect((await get(lim, "/v1/campaigns")).status).toBe(200);
    } finally {
      await lim.server.close();
    }
  });

  it("only the documented headers: no invented X-RateLimit-Daily-* (issue 13)", async () => {
    const res = await get(r, "/v1/contacts?per_page=1");
    const names = [...res.headers.keys()].filter((k) => k.startsWith("x-ratelimit"));
    expect(names.sort()).toEqual(["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]);
  });

  it("headers are on every answer (200, 400, 401, 404), counting per key across endpoints", async () => {
    const t = Date.parse("2026-11-24T12:00:00Z");
    const lim = await start({ plan: "pro", now: () => t });
    try {
      const seq = [
        await get(lim, "/v1/contacts"),
        await get(lim, "/v1/tasks?status=x"),
        await get(lim, "/v1/nope"),
        await get(lim, "/v1/campaigns"),
      ];
      expect(seq.map((a) => a.status)).toEqual([200, 400, 404, 200]);
      expect(seq.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["999", "998", "997", "996"]);
      expect(seq.every((a) => a.headers.get("x-ratelimit-reset") === String(MIDNIGHT / 1000))).toBe(true);
      const wrong = await get(lim, "/v1/contacts", { key: "wbk_other" });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get("x-ratelimit-remaining")).toBe("999"); // another key's budget
    } finally {
      await lim.server.close();
    }
  });

  it("Starter: 100 a day, then 429 with Remaining 0 until midnight UTC", async () => {
    let t = Date.parse("2026-11-24T20:00:00Z");
    const lim = await start({ plan: "starter", now: () => t });
    try {
      let ok = 0;
      let last: Response | null = null;
      for (let minute = 0; minute < 12; minute++) {
        for (let i = 0; i < 10; i++) {
          const a = await get(lim, "/v1/campaigns?per_page=1");
          if (a.status !== 200) break;
          ok++;
          last = a;
        }
        t += 60_001;
      }
      expect(ok).toBe(100);
      expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(last!.headers.get("x-ratelimit-limit")).toBe("100");
      const refused = await get(lim, "/v1/campaigns");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBe(Math.ceil((MIDNIGHT - t) / 1000));
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(refused.headers.get("x-ratelimit-reset")).toBe(String(MIDNIGHT / 1000));
      expect((await json<ErrorBody>(refused)).error).toEqual({
        code: "rate_limited",
        message: expect.stringContaining("Daily"),
      });
      t = MIDNIGHT + 1000;
      const next = await get(lim, "/v1/campaigns");
      expect(next.status).toBe(200);
      expect(next.headers.get("x-ratelimit-remaining")).toBe("99");
      expect(next.headers.get("x-ratelimit-limit")).toBe("100");
    } finally {
      await lim.server.close();
    }
  });

  it("`rateLimitHeaders: none` answers without any quota header (an API that says nothing)", async () => {
    const quiet = await start({ rateLimitHeaders: "none", perMinute: 100_000, perDay: 1_000_000 });
    try {
      const res = await get(quiet, "/v1/contacts?per_page=1");
      expect(res.status).toBe(200);
      expect([...res.headers.keys()].filter((k) => k.startsWith("x-ratelimit"))).toEqual([]);
    } finally {
      await quiet.server.close();
    }
  });
});

describe("seed 003's example, served as documented", () => {
  it("`seedExample` serves act_7f3c4d2a on its contact with its original date, campaign and flags", async () => {
    const seeded = await start({ seedExample: true, perMinute: 100_000, perDay: 1_000_000 });
    try {
      const body = await json<ActivitiesBody>(
        await get(seeded, `/v1/contacts/${SEED_003_ACTIVITY.contact_id}/activities`),
      );
      expect(body.data.activities).toEqual([SEED_003_ACTIVITY]);
      expect(body.data.activities[0]!.created_date).toBe("2026-04-17T14:23:05Z");
      const campaigns = await json<{ data: { campaigns: { id: string; name: string }[] } }>(
        await get(seeded, "/v1/campaigns?per_page=100"),
      );
      expect(campaigns.data.campaigns).toContainEqual(
        expect.objectContaining({ id: "cmp_abc123", name: "Q2 GC Outreach" }),
      );
      const stats = await json<{ data: Record<string, number> }>(await get(seeded, "/v1/campaigns/cmp_abc123/stats"));
      expect(stats.data).toMatchObject({ sent_count: 1, opened_count: 1, replied_count: 0 });
      const contacts = await json<ContactsBody>(await get(seeded, "/v1/contacts?per_page=100&search=acme-corp"));
      expect(contacts.data.contacts.map((c) => c.id)).toEqual([SEED_003_ACTIVITY.contact_id]);
    } finally {
      await seeded.server.close();
    }
  });
});

describe("fault injection and drift", () => {
  it("POST /__sandbox/faults arms counters consumed per request", async () => {
    const f = await start({ perMinute: 10_000, perDay: 100_000 });
    try {
      const set = await fetch(`${f.server.url}/__sandbox/faults`, {
        method: "POST",
        body: JSON.stringify({ status5xx: 2, errorStatus: 503 }),
      });
      expect(set.status).toBe(200);
      expect((await get(f, "/v1/campaigns")).status).toBe(503);
      expect((await get(f, "/v1/campaigns")).status).toBe(503);
      expect((await get(f, "/v1/campaigns")).status).toBe(200);
    } finally {
      await f.server.close();
    }
  });

  it("the x-sandbox-fault header injects the vendor's own 429 for one request", async () => {
    const res = await get(r, "/v1/campaigns", {
      headers: { "x-sandbox-fault": JSON.stringify({ status429: 1, retryAfterSeconds: 3 }) },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    // A passing refusal: the day's quota headers stay as they are.
    expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
    expect((await json<ErrorBody>(res)).error.code).toBe("rate_limited");
    expect((await get(r, "/v1/campaigns")).status).toBe(200);
  });

  it("a revoked key answers 401 invalid_key", async () => {
    const res = await get(r, "/v1/contacts", { headers: { "x-sandbox-fault": JSON.stringify({ revokeKey: true }) } });
    expect(res.status).toBe(401);
    expect((await json<ErrorBody>(res)).error.code).toBe("invalid_key");
  });

  it("malformed JSON is injected on a successful answer", async () => {
    const res = await get(r, "/v1/campaigns", { headers: { "x-sandbox-fault": JSON.stringify({ malformedJson: 1 }) } });
    expect(res.status).toBe(200);
    await expect(res.clone().json()).rejects.toThrow();
  });

  it("drift inserts new activities first (newest), shifting the pages", async () => {
    const d = await start({ perMinute: 10_000, perDay: 100_000 });
    try {
      const id = busiestContact();
      const before = await json<ActivitiesBody>(await get(d, `/v1/contacts/${id}/activities?per_page=5`));
      const after = await json<ActivitiesBody>(
        await get(d, `/v1/contacts/${id}/activities?per_page=5`, {
          headers: { "x-sandbox-fault": JSON.stringify({ driftPerRequest: 2 }) },
        }),
      );
      expect(after.meta.total).toBe(before.meta.total + 2);
      expect(after.data.activities.slice(2).map((a) => a.id)).toEqual(
        before.data.activities.slice(0, 3).map((a) => a.id),
      );
    } finally {
      await d.server.close();
    }
  });

  it("drift adds contacts and tasks on their listings", async () => {
    const d = await start({ perMinute: 10_000, perDay: 100_000 });
    try {
      const c0 = (await json<ContactsBody>(await get(d, "/v1/contacts"))).meta.total;
      const c1 = (
        await json<ContactsBody>(
          await get(d, "/v1/contacts", { headers: { "x-sandbox-fault": JSON.stringify({ driftPerRequest: 3 }) } }),
        )
      ).meta.total;
      expect(c1).toBe(c0 + 3);
      const t0 = (await json<TasksBody>(await get(d, "/v1/tasks"))).meta.total;
      const t1 = await json<TasksBody>(
        await get(d, "/v1/tasks", { headers: { "x-sandbox-fault": JSON.stringify({ driftPerRequest: 1 }) } }),
      );
      expect(t1.meta.total).toBe(t0 + 1);
      expect(t1.data.tasks[0]!.status).toBe("open");
    } finally {
      await d.server.close();
    }
  });

  it("`ignorePaging` answers the first page whatever `page` asks (a vendor regression)", async () => {
    const id = busiestContact();
    const first = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=5&page=1`));
    const fault = { "x-sandbox-fault": JSON.stringify({ ignorePaging: true }) };
    const second = await json<ActivitiesBody>(
      await get(r, `/v1/contacts/${id}/activities?per_page=5&page=2`, { headers: fault }),
    );
    expect(second.data.activities.map((a) => a.id)).toEqual(first.data.activities.map((a) => a.id));
    const normal = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=5&page=2`));
    expect(normal.data.activities.map((a) => a.id)).not.toEqual(first.data.activities.map((a) => a.id));
  });
});
