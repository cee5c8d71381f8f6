import { describe, expect, it } from "vitest";
import { createdOf } from "./data";
import { DEMO_API_KEY } from "./simulator";
import { busiestContact, get, json, r, serveSimulator, start } from "./simulator-harness";
import type { ActivitiesBody, ContactsBody, ErrorBody } from "./simulator-harness";

// Contract tests over real HTTP for auth and the per-contact activity timeline. Each cites the
// line of VENDORS.md ("Leadlex") or seed 003 it checks.

serveSimulator();

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
