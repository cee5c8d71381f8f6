import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createdOf,
  SEED_003_ACTIVITY,
  updatedOf,
  type LeadlexActivity,
  type LeadlexContact,
  type LeadlexTask,
} from "./data";
import { BASE_PATH, createLeadlexSimulator, DEMO_API_KEY, type LeadlexSimulatorOptions } from "./simulator";
import { recountCampaign } from "./testing";

// Contract tests over real HTTP. Each cites the line of VENDORS.md ("Leadlex") or seed 003 it checks.

const NOW = new Date("2026-11-24T12:00:00Z");
const world = createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 60, now: NOW });

interface Running {
  base: string;
  server: RunningServer;
  sim: ReturnType<typeof createLeadlexSimulator>;
}

async function start(opts: LeadlexSimulatorOptions = {}): Promise<Running> {
  const sim = createLeadlexSimulator(world, opts);
  const server = await serveHandler(sim.handler);
  return { base: server.url + BASE_PATH, server, sim };
}

function get(
  r: Running,
  path: string,
  init: { key?: string | null; headers?: Record<string, string>; method?: string } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? r.sim.apiKey : init.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return fetch(r.base + path, { headers, method: init.method ?? "GET" });
}

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

type ActivitiesBody = {
  data: { activities: LeadlexActivity[] };
  meta: { page: number; per_page: number; total: number };
};
type ContactsBody = { data: { contacts: LeadlexContact[] }; meta: { page: number; per_page: number; total: number } };
type TasksBody = { data: { tasks: LeadlexTask[] }; meta: { page: number; per_page: number; total: number } };
type ErrorBody = { error: { code: string; message: string } };

let r: Running;
beforeAll(async () => {
  // Limits far above the plan's, so the contract tests never meet them (the limiter has its own tests).
  r = await start({ perMinute: 100_000, perDay: 1_000_000 });
});
afterAll(async () => {
  await r.server.close();
});

/** The contact with the most activities, so paging has something to page through. */
function busiestContact(): string {
  let best = "";
  let n = -1;
  for (const [id, list] of r.sim.data.byContact) {
    if (list.length > n) {
      best = id;
      n = list.length;
    }
  }
  return best;
}

describe("auth", () => {
  it("401 invalid_key without a key — seed 003 Errors: `401 invalid_key`", async () => {
    const res = await get(r, "/v1/contacts", { key: null });
    expect(res.status).toBe(401);
    expect(await json<ErrorBody>(res)).toEqual({ error: { code: "invalid_key", message: expect.any(String) } });
  });

  it("401 with a wrong Bearer key — seed 003 `Authorization: Bearer wbk_…`", async () => {
    const res = await get(r, "/v1/contacts", { key: "wbk_not_the_key" });
    expect(res.status).toBe(401);
    expect((await json<ErrorBody>(res)).error.code).toBe("invalid_key");
  });

  it("the right key in another scheme is refused — Bearer only", async () => {
    const res = await get(r, "/v1/contacts", {
      key: null,
      headers: { authorization: `Basic ${btoa(`:${DEMO_API_KEY}`)}` },
    });
    expect(res.status).toBe(401);
  });

  it("403 insufficient_permissions on activities without `activities:read` — seed 003 Note", async () => {
    const limited = await start({ scopes: ["contacts:read", "tasks:read", "campaigns:read"] });
    try {
      const contacts = await json<ContactsBody>(await get(limited, "/v1/contacts?per_page=1"));
      const id = contacts.data.contacts[0]!.id;
      const res = await get(limited, `/v1/contacts/${id}/activities`);
      expect(res.status).toBe(403);
      expect((await json<ErrorBody>(res)).error.code).toBe("insufficient_permissions");
    } finally {
      await limited.server.close();
    }
  });
});

describe("GET /v1/contacts/{id}/activities — seed 003", () => {
  it("answers `{data:{activities}, meta:{page, per_page, total}}` with the seed's fields", async () => {
    const id = busiestContact();
    const body = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities`));
    expect(body.meta).toEqual({ page: 1, per_page: 50, total: r.sim.data.byContact.get(id)!.length });
    const row = body.data.activities[0]!;
    for (const k of [
      "id",
      "type",
      "title",
      "description",
      "contact_id",
      "deal_id",
      "entity_type",
      "entity_id",
      "entity_name",
      "metadata",
      "created_by_user_id",
    ])
      expect(row).toHaveProperty(k);
    expect(row.contact_id).toBe(id);
    expect(row.id).toMatch(/^act_[0-9a-f]{8}$/);
  });

  it('`page` defaults to 1 and `per_page` to 50 — seed: `default="1"`, `default="50"`', async () => {
    const id = busiestContact();
    const body = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities`));
    expect(body.meta.page).toBe(1);
    expect(body.meta.per_page).toBe(50);
    expect(body.data.activities.length).toBe(Math.min(50, body.meta.total));
  });

  it("is newest first — seed: `Activities are returned newest first`", async () => {
    const body = await json<ActivitiesBody>(await get(r, `/v1/contacts/${busiestContact()}/activities?per_page=100`));
    const times = body.data.activities.map((a) => Date.parse(createdOf(a)));
    expect(times.length).toBeGreaterThan(5);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);
  });

  it("pages cover the timeline once, in order — `page` / `per_page`", async () => {
    const id = busiestContact();
    const seen: string[] = [];
    for (let page = 1; page <= 50; page++) {
      const body = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=7&page=${page}`));
      seen.push(...body.data.activities.map((a) => a.id));
      if (body.data.activities.length < 7) break;
    }
    expect(seen.length).toBe(r.sim.data.byContact.get(id)!.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("per_page is capped at 100 — seed: `(max: 100)`; 101 → 400 invalid_parameter", async () => {
    const id = busiestContact();
    expect((await get(r, `/v1/contacts/${id}/activities?per_page=100`)).status).toBe(200);
    const res = await get(r, `/v1/contacts/${id}/activities?per_page=101`);
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).error.code).toBe("invalid_parameter");
  });

  it("page < 1 and non-numeric pages → 400 invalid_parameter", async () => {
    const id = busiestContact();
    for (const q of ["page=0", "page=-1", "page=two", "per_page=0"]) {
      const res = await get(r, `/v1/contacts/${id}/activities?${q}`);
      expect(res.status, q).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe("invalid_parameter");
    }
  });

  it("a page past the end is empty, with the total — `meta.total`", async () => {
    const id = busiestContact();
    const body = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?page=999`));
    expect(body.data.activities).toEqual([]);
    expect(body.meta.total).toBe(r.sim.data.byContact.get(id)!.length);
  });

  it("from_date and to_date are inclusive — seed: `on or after` / `on or before this ISO 8601 timestamp`", async () => {
    const id = busiestContact();
    const all = (await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=100`))).data
      .activities;
    const pivot = all[Math.floor(all.length / 2)]!;
    const at = createdOf(pivot);
    const exact = await json<ActivitiesBody>(
      await get(r, `/v1/contacts/${id}/activities?per_page=100&from_date=${at}&to_date=${at}`),
    );
    expect(exact.data.activities.map((a) => a.id)).toContain(pivot.id);
    expect(exact.data.activities.every((a) => createdOf(a) === at || Date.parse(createdOf(a)) === Date.parse(at))).toBe(
      true,
    );
    const after = await json<ActivitiesBody>(
      await get(r, `/v1/contacts/${id}/activities?per_page=100&from_date=${at}`),
    );
    expect(after.meta.total).toBe(all.filter((a) => Date.parse(createdOf(a)) >= Date.parse(at)).length);
    const before = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=100&to_date=${at}`));
    expect(before.meta.total).toBe(all.filter((a) => Date.parse(createdOf(a)) <= Date.parse(at)).length);
  });

  it("dates take ISO 8601 with an offset or a bare date", async () => {
    const id = busiestContact();
    const all = (await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=100`))).data
      .activities;
    const body = await json<ActivitiesBody>(
      await get(
        r,
        `/v1/contacts/${id}/activities?per_page=100&from_date=2026-10-01&to_date=${encodeURIComponent("2026-11-01T01:00:00+01:00")}`,
      ),
    );
    const expected = all.filter(
      (a) =>
        Date.parse(createdOf(a)) >= Date.parse("2026-10-01T00:00:00Z") &&
        Date.parse(createdOf(a)) <= Date.parse("2026-11-01T00:00:00Z"),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(body.meta.total).toBe(expected.length);
  });

  it("a bad date → 400 invalid_parameter", async () => {
    const id = busiestContact();
    for (const q of ["from_date=yesterday", "to_date=2026-13-45", "from_date=2026-11-02&to_date=2026-11-01"]) {
      const res = await get(r, `/v1/contacts/${id}/activities?${q}`);
      expect(res.status, q).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe("invalid_parameter");
    }
  });

  it("`type` filters — seed: `Filter by activity type: call, email, …`", async () => {
    const id = busiestContact();
    const all = (await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=100`))).data
      .activities;
    const type = all[0]!.type;
    const body = await json<ActivitiesBody>(await get(r, `/v1/contacts/${id}/activities?per_page=100&type=${type}`));
    expect(body.data.activities.length).toBeGreaterThan(0);
    expect(body.data.activities.every((a) => a.type === type)).toBe(true);
    expect(body.meta.total).toBe(all.filter((a) => a.type === type).length);
  });

  it("404 contact_not_found for an unknown contact — seed 003 Errors", async () => {
    const res = await get(r, "/v1/contacts/123e4567-e89b-12d3-a456-426614174000/activities");
    expect(res.status).toBe(404);
    expect(await json<ErrorBody>(res)).toEqual({ error: { code: "contact_not_found", message: expect.any(String) } });
  });

  it("emails carry `metadata {opened, replied}` and campaign sends `entity_type: campaign` — seed example", () => {
    const email = r.sim.data.activities.find((a) => a.type === "email" && a.metadata.direction === "outbound")!;
    expect(email.metadata).toMatchObject({
      opened: expect.any(Boolean),
      replied: expect.any(Boolean),
      subject: expect.any(String),
    });
    const sent = r.sim.data.activities.find((a) => a.type === "campaign_sent")!;
    expect(sent.entity_type).toBe("campaign");
    expect(sent.entity_id).toMatch(/^cmp_/);
    expect(sent.metadata.step).toBeGreaterThanOrEqual(1);
  });

  it("a minority of rows spell `created_at` instead of `created_date` (both spellings)", () => {
    const acts = r.sim.data.activities;
    const alt = acts.filter((a) => a.created_at !== undefined && a.created_date === undefined).length;
    expect(alt).toBeGreaterThan(0);
    expect(alt).toBeLessThan(acts.length / 4);
  });

  it("there is no account-wide activity list — VENDORS.md: `activities are reachable per contact only`", async () => {
    expect((await get(r, "/v1/activities")).status).toBe(404);
  });
});

describe("GET /v1/contacts — VENDORS.md", () => {
  it("answers `{data:{contacts:[{id (uuid), full_name, email, phone, job_title, company_name, created_at, updated_date}]}, meta}`", async () => {
    const body = await json<ContactsBody>(await get(r, "/v1/contacts?per_page=100"));
    expect(body.meta.total).toBe(r.sim.data.contacts.length);
    const c = body.data.contacts.find((x) => x.created_at !== undefined)!;
    for (const k of ["id", "full_name", "email", "phone", "job_title", "company_name", "created_at", "updated_date"])
      expect(c).toHaveProperty(k);
    expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("`search` is partial over name, email and company, case-insensitive — `search is partial`", async () => {
    const target = r.sim.data.contacts[3]!;
    const fragment = target.email!.slice(0, 5).toUpperCase();
    const body = await json<ContactsBody>(
      await get(r, `/v1/contacts?per_page=100&search=${encodeURIComponent(fragment)}`),
    );
    expect(body.data.contacts.map((c) => c.id)).toContain(target.id);
    for (const c of body.data.contacts) {
      const hay = `${c.full_name} ${c.email} ${c.company_name}`.toLowerCase();
      expect(hay).toContain(fragment.toLowerCase());
    }
    const byCompany = await json<ContactsBody>(
      await get(r, `/v1/contacts?per_page=100&search=${encodeURIComponent(target.company_name!)}`),
    );
    expect(byCompany.data.contacts.length).toBeGreaterThan(0);
  });

  it("`created_after` keeps contacts created strictly after the instant", async () => {
    const sorted = [...r.sim.data.contacts].sort((a, b) => Date.parse(createdOf(a)) - Date.parse(createdOf(b)));
    const pivot = createdOf(sorted[10]!);
    const body = await json<ContactsBody>(await get(r, `/v1/contacts?per_page=100&created_after=${pivot}`));
    expect(body.meta.total).toBe(sorted.filter((c) => Date.parse(createdOf(c)) > Date.parse(pivot)).length);
    expect((await get(r, "/v1/contacts?created_after=soon")).status).toBe(400);
  });

  it("is most recently updated first; `sort` (documented, but none of its values) changes nothing", async () => {
    const rows = (await json<ContactsBody>(await get(r, "/v1/contacts?per_page=100"))).data.contacts;
    for (let i = 1; i < rows.length; i++)
      expect(Date.parse(updatedOf(rows[i]!))).toBeLessThanOrEqual(Date.parse(updatedOf(rows[i - 1]!)));
    for (const sort of ["created_at", "-full_name", "email"]) {
      const res = await get(r, `/v1/contacts?per_page=100&sort=${sort}`);
      expect(res.status, sort).toBe(200);
      expect((await json<ContactsBody>(res)).data.contacts.map((c) => c.id)).toEqual(rows.map((c) => c.id));
    }
  });

  it("`contactOrder: created` answers newest created first instead (the other reading of the docs)", async () => {
    const other = await start({ contactOrder: "created", perMinute: 100_000, perDay: 1_000_000 });
    try {
      const rows = (await json<ContactsBody>(await get(other, "/v1/contacts?per_page=100"))).data.contacts;
      for (let i = 1; i < rows.length; i++)
        expect(Date.parse(createdOf(rows[i]!))).toBeLessThanOrEqual(Date.parse(createdOf(rows[i - 1]!)));
    } finally {
      await other.server.close();
    }
  });

  it("per_page > 100 → 400 invalid_parameter", async () => {
    expect((await get(r, "/v1/contacts?per_page=500")).status).toBe(400);
  });

  it("keeps the people's emails as given, capitals included", async () => {
    const body = await json<ContactsBody>(await get(r, "/v1/contacts?per_page=100"));
    const emails = new Set(body.data.contacts.map((c) => c.email));
    for (const p of world.people.filter((x) => x.vendors.includes("leadlex"))) expect(emails.has(p.email)).toBe(true);
  });
});

describe("GET /v1/tasks — VENDORS.md", () => {
  it("lists every status by default with the documented fields", async () => {
    const body = await json<TasksBody>(await get(r, "/v1/tasks?per_page=100"));
    expect(body.meta.total).toBe(r.sim.data.tasks.length);
    expect(new Set(body.data.tasks.map((t) => t.status))).toEqual(new Set(["open", "in_progress", "completed"]));
    for (const k of [
      "id",
      "title",
      "description",
      "status",
      "priority",
      "task_type",
      "due_date",
      "assigned_to_user_id",
      "contact_id",
      "deal_id",
    ])
      expect(body.data.tasks[0]).toHaveProperty(k);
  });

  it("`status` filters (open|in_progress|completed); anything else → 400", async () => {
    for (const s of ["open", "in_progress", "completed"]) {
      const body = await json<TasksBody>(await get(r, `/v1/tasks?per_page=100&status=${s}`));
      expect(body.data.tasks.every((t) => t.status === s)).toBe(true);
      expect(body.meta.total).toBe(r.sim.data.tasks.filter((t) => t.status === s).length);
    }
    expect((await get(r, "/v1/tasks?status=done")).status).toBe(400);
  });

  it("`contact_id` and `assignee_id` filter", async () => {
    const t = r.sim.data.tasks.find((x) => x.contact_id && x.assigned_to_user_id)!;
    const byContact = await json<TasksBody>(await get(r, `/v1/tasks?contact_id=${t.contact_id}`));
    expect(byContact.data.tasks.map((x) => x.id)).toContain(t.id);
    expect(byContact.data.tasks.every((x) => x.contact_id === t.contact_id)).toBe(true);
    const byUser = await json<TasksBody>(await get(r, `/v1/tasks?per_page=100&assignee_id=${t.assigned_to_user_id}`));
    expect(byUser.data.tasks.every((x) => x.assigned_to_user_id === t.assigned_to_user_id)).toBe(true);
  });

  it("due_date mixes calendar days, datetimes and null; no due-date filter — `No due-date filter`", async () => {
    const tasks = (await json<TasksBody>(await get(r, "/v1/tasks?per_page=100"))).data.tasks;
    expect(tasks.some((t) => t.due_date === null)).toBe(true);
    expect(tasks.some((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.due_date ?? ""))).toBe(true);
    expect(tasks.some((t) => /T\d{2}:\d{2}/.test(t.due_date ?? ""))).toBe(true);
    // An undocumented filter is ignored, as the gateway does.
    const filtered = await json<TasksBody>(await get(r, "/v1/tasks?per_page=100&due_before=2026-01-01"));
    expect(filtered.meta.total).toBe(tasks.length);
  });
});

describe("GET /v1/campaigns and /v1/campaigns/{id}/stats — VENDORS.md", () => {
  it("lists campaigns in the paged envelope", async () => {
    const body = await json<{
      data: { campaigns: { id: string; name: string; status: string; created_at: string }[] };
      meta: { total: number };
    }>(await get(r, "/v1/campaigns"));
    expect(body.meta.total).toBe(r.sim.data.campaigns.length);
    expect(body.data.campaigns[0]).toMatchObject({
      id: expect.stringMatching(/^cmp_/),
      name: expect.any(String),
      status: expect.any(String),
      created_at: expect.any(String),
    });
  });

  it("stats are all-time counts agreeing with the campaign's activities, rates as 0–1 floats", async () => {
    const campaign = r.sim.data.campaigns.find((c) => r.sim.data.campaignCounts.get(c.id)!.sent > 0)!;
    const rows: LeadlexActivity[] = [];
    for (const c of r.sim.data.contacts) {
      for (let page = 1; page <= 20; page++) {
        const body = await json<ActivitiesBody>(
          await get(r, `/v1/contacts/${c.id}/activities?per_page=100&page=${page}`),
        );
        rows.push(...body.data.activities.filter((a) => a.entity_type === "campaign" && a.entity_id === campaign.id));
        if (body.data.activities.length < 100) break;
      }
    }
    const stats = (await json<{ data: Record<string, number> }>(await get(r, `/v1/campaigns/${campaign.id}/stats`)))
      .data;
    const counts = Object.entries(recountCampaign(rows)).map(([k, n]) => [`${k}_count`, n]);
    expect(stats).toMatchObject(Object.fromEntries(counts));
    for (const k of ["open_rate", "click_rate", "reply_rate", "bounce_rate"]) {
      expect(stats[k]).toBeGreaterThanOrEqual(0);
      expect(stats[k]).toBeLessThanOrEqual(1);
    }
    expect(stats.open_rate).toBeCloseTo(stats.opened_count! / stats.sent_count!, 3);
  });

  it("an unknown campaign → 404 campaign_not_found", async () => {
    const res = await get(r, "/v1/campaigns/cmp_nope/stats");
    expect(res.status).toBe(404);
    expect((await json<ErrorBody>(res)).error.code).toBe("campaign_not_found");
  });

  it("unknown paths → 404, other methods → 405", async () => {
    expect((await get(r, "/v1/deals")).status).toBe(404);
    expect((await get(r, "/v1/contacts", { method: "POST" })).status).toBe(405);
  });
});

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
