import { describe, expect, it } from "vitest";
import { createdOf, updatedOf, type LeadlexActivity } from "./data";
import { get, json, r, serveSimulator, start, world } from "./simulator-harness";
import type { ActivitiesBody, ContactsBody, ErrorBody, TasksBody } from "./simulator-harness";
import { recountCampaign } from "./testing";

// Contract tests over real HTTP for the account-wide listings: contacts, tasks, campaigns and
// their stats. Each cites the line of VENDORS.md ("Leadlex") or seed 003 it checks.

serveSimulator();

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
