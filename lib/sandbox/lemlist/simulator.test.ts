import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { LemlistActivity, LemlistCampaign, LemlistTask } from "./records";
import { BASE_PATH, createLemlistSimulator, DEMO_API_KEY, type LemlistSimulator } from "./simulator";

// Contract tests over real HTTP. "seed 000" = lemlist activities, "seed 002" = lemlist tasks,
// "VENDORS.md" = the "lemlist" section of /work/shared/VENDORS.md.

const NOW = new Date("2026-11-24T12:00:00Z");
const world = () => createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 200, now: NOW });
const basic = (key: string, user = "") => `Basic ${Buffer.from(`${user}:${key}`).toString("base64")}`;

let sim: LemlistSimulator;
let server: RunningServer;
let base: string;
const simNow = NOW.getTime() + 3_600_000;

async function get(path: string, init: { key?: string | null; auth?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth) headers.authorization = init.auth;
  else if (init.key !== null) headers.authorization = basic(init.key ?? DEMO_API_KEY);
  return fetch(base + path, { headers });
}
async function getJson<T>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}
const acts = (query: string) => getJson<LemlistActivity[]>(`/activities?version=v2&${query}`);
const tasksPage = (query: string) => getJson<{ results: LemlistTask[]; page: string }>(`/tasks?${query}`);
const filters = (f: unknown[]) => `filters=${encodeURIComponent(JSON.stringify(f))}`;

/** Every activity matching `query`, paging with offset until a short page. */
async function all(query: string): Promise<LemlistActivity[]> {
  const out: LemlistActivity[] = [];
  for (let offset = 0; offset < 100_000; offset += 100) {
    const page = await acts(`${query}&offset=${offset}&limit=100`);
    out.push(...page);
    if (page.length < 100) break;
  }
  return out;
}

async function expectTextError(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  const body = await res.text();
  expect(() => JSON.parse(body)).toThrow();
  return body;
}

beforeAll(async () => {
  // The documented limit is tested on its own simulator below; here it would only slow the contract tests.
  sim = createLemlistSimulator(world(), { rateLimit: null, now: () => simNow });
  server = await serveHandler(sim.handler);
  base = server.url + BASE_PATH;
});
afterAll(async () => {
  await server.close();
});

describe("lemlist simulator: auth", () => {
  it("seed 000: Basic auth with an empty login and the key as password is accepted", async () => {
    expect((await get("/team")).status).toBe(200);
  });
  it("VENDORS.md: a missing key → 401 with an empty text/plain body", async () => {
    const res = await get("/activities?version=v2", { key: null });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("");
  });
  it("VENDORS.md: a wrong key → 401 empty body", async () => {
    const res = await get("/activities?version=v2", { key: "0000000000000000000000000000dead" });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
  });
  it("seed 000: 'the login is always empty and the password is the API key' — key as login is refused", async () => {
    expect((await get("/team", { auth: `Basic ${Buffer.from(`${DEMO_API_KEY}:`).toString("base64")}` })).status).toBe(
      401,
    );
    expect((await get("/team", { auth: `Bearer ${DEMO_API_KEY}` })).status).toBe(401);
  });
});

describe("lemlist simulator: GET /activities (seed 000)", () => {
  it("seed 000: version is required and must be v2 → 400 text/plain otherwise", async () => {
    await expectTextError(await get("/activities"), 400);
    await expectTextError(await get("/activities?version=v1"), 400);
  });

  it("seed 000: response is a bare JSON array, newest first; default limit 100", async () => {
    const rows = await acts("");
    expect(Array.isArray(rows)).toBe(true);
    expect(rows).toHaveLength(100);
    for (let i = 1; i < rows.length; i++)
      expect(Date.parse(rows[i - 1]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(rows[i]!.createdAt));
    expect(rows[0]!.createdAt).toBe(sim.data.activities.at(-1)!.createdAt);
  });

  it("seed 000: limit 'Maximum: 100' — limit=101 is refused with 400 text/plain; limit=2 gives 2", async () => {
    await expectTextError(await get("/activities?version=v2&limit=101"), 400);
    await expectTextError(await get("/activities?version=v2&limit=0"), 400);
    expect(await acts("limit=2")).toHaveLength(2);
  });

  it("seed 000: offset 'increment offset by the limit value' walks the whole set once", async () => {
    const rows = await all("");
    expect(rows).toHaveLength(sim.data.activities.length);
    expect(new Set(rows.map((r) => r._id)).size).toBe(rows.length);
    await expectTextError(await get("/activities?version=v2&offset=-1"), 400);
  });

  it("seed 000: minDate/maxDate are inclusive (createdAt >= minDate, createdAt <= maxDate)", async () => {
    const a = sim.data.activities[500]!;
    const atMin = await all(
      `minDate=${encodeURIComponent(a.createdAt)}&maxDate=${encodeURIComponent(new Date(Date.parse(a.createdAt) + 1).toISOString())}`,
    );
    expect(atMin.map((r) => r._id)).toContain(a._id);
    const atMax = await all(
      `minDate=${encodeURIComponent(new Date(Date.parse(a.createdAt) - 1).toISOString())}&maxDate=${encodeURIComponent(a.createdAt)}`,
    );
    expect(atMax.map((r) => r._id)).toContain(a._id);
    const after = await all(`minDate=${encodeURIComponent(new Date(Date.parse(a.createdAt) + 1).toISOString())}`);
    expect(after.map((r) => r._id)).not.toContain(a._id);
    const expected = sim.data.activities.filter((r) => Date.parse(r.createdAt) > Date.parse(a.createdAt)).length;
    expect(after).toHaveLength(expected);
  });

  it("seed 000: dates accept Unix seconds as well as ISO 8601", async () => {
    const from = Date.parse(sim.data.activities[300]!.createdAt);
    const sec = Math.ceil(from / 1000);
    const bySeconds = await all(`minDate=${sec}&maxDate=${sec + 7 * 86400}`);
    const byIso = await all(
      `minDate=${new Date(sec * 1000).toISOString()}&maxDate=${new Date((sec + 7 * 86400) * 1000).toISOString()}`,
    );
    expect(bySeconds.length).toBeGreaterThan(0);
    expect(bySeconds.map((r) => r._id)).toEqual(byIso.map((r) => r._id));
    await expectTextError(await get("/activities?version=v2&minDate=yesterday"), 400);
    // A datetime without an offset is read as UTC, whatever the server's zone.
    const noOffset = await all("minDate=2026-10-01T00:00:00&maxDate=2026-10-08T00:00:00");
    expect(noOffset.map((r) => r._id)).toEqual(
      (await all("minDate=2026-10-01T00:00:00Z&maxDate=2026-10-08T00:00:00Z")).map((r) => r._id),
    );
    expect(noOffset.length).toBeGreaterThan(0);
  });

  it("seed 000: startDate/endDate are aliases, and minDate/maxDate win when both are given", async () => {
    const mid = Date.parse(sim.data.activities[600]!.createdAt);
    const early = new Date(mid - 30 * 86_400_000).toISOString();
    const midIso = new Date(mid).toISOString();
    const alias = await all(`startDate=${midIso}`);
    const primary = await all(`minDate=${midIso}`);
    expect(alias.map((r) => r._id)).toEqual(primary.map((r) => r._id));
    const both = await all(`minDate=${midIso}&startDate=${early}`);
    expect(both).toHaveLength(primary.length);
    const endAlias = await all(`endDate=${midIso}`);
    const bothEnd = await all(`maxDate=${midIso}&endDate=${NOW.toISOString()}`);
    expect(bothEnd.map((r) => r._id)).toEqual(endAlias.map((r) => r._id));
  });

  it("seed 000: maxDate must be strictly greater than minDate → 400 text/plain", async () => {
    const t = "2026-10-01T00:00:00Z";
    await expectTextError(await get(`/activities?version=v2&minDate=${t}&maxDate=${t}`), 400);
    await expectTextError(await get(`/activities?version=v2&minDate=${t}&maxDate=2026-09-30T00:00:00Z`), 400);
    await expectTextError(await get(`/activities?version=v2&startDate=${t}&endDate=${t}`), 400);
  });

  it("seed 000: opens come under both names (emailsOpened in the examples, emailOpened in the schema); a filter by either gets them all", async () => {
    const opened = await all("type=emailsOpened");
    expect(opened.length).toBe(sim.data.activities.filter((a) => a.type === "emailsOpened").length);
    expect(opened.every((a) => a.type === "emailsOpened" || a.type === "emailOpened")).toBe(true);
    const singular = opened.filter((a) => a.type === "emailOpened").length;
    expect(singular).toBeGreaterThan(opened.length * 0.3);
    expect(singular).toBeLessThan(opened.length * 0.7);
    expect((await all("type=emailOpened")).length).toBe(opened.length);
    // The same row always comes back under the same name.
    expect((await all("type=emailsOpened")).map((a) => a.type)).toEqual(opened.map((a) => a.type));
  });

  it("seed 000: campaignId, leadId and isFirst filter", async () => {
    const c = sim.data.campaigns[1]!._id;
    const byCampaign = await all(`campaignId=${c}`);
    expect(byCampaign.length).toBe(sim.data.byCampaign.get(c)!.length);
    expect(byCampaign.every((a) => a.campaignId === c)).toBe(true);
    const leadId = byCampaign.find((a) => a.leadId)!.leadId!;
    const byLead = await all(`leadId=${leadId}`);
    expect(byLead.length).toBeGreaterThan(0);
    expect(byLead.every((a) => a.leadId === leadId)).toBe(true);
    const firsts = await all("isFirst=true&type=emailsOpened");
    expect(firsts.every((a) => a.isFirst === true)).toBe(true);
    expect(firsts.length).toBeLessThan(sim.data.activities.filter((a) => a.type === "emailsOpened").length);
    await expectTextError(await get("/activities?version=v2&isFirst=maybe"), 400);
  });

  it("seed 000: sequenceStep and totalSequenceStep are zero-based", async () => {
    const sends = await all("type=emailsSent");
    expect(Math.min(...sends.map((a) => a.sequenceStep!))).toBe(0);
    for (const a of sends) expect(a.sequenceStep!).toBeLessThanOrEqual(a.totalSequenceStep!);
  });

  it("VENDORS.md: rows carry _id act_, leadId lea_ (per campaign), contactId ctc_ (account-wide), lead{state,variables}", async () => {
    const [a] = await acts("type=emailsSent&limit=1");
    expect(a!._id).toMatch(/^act_/);
    expect(a!.leadId).toMatch(/^lea_/);
    expect(a!.contactId).toMatch(/^ctc_/);
    expect(a!.campaignId).toMatch(/^cam_/);
    for (const k of [
      "leadEmail",
      "leadFirstName",
      "leadLastName",
      "leadCompanyName",
      "campaignName",
      "sequenceId",
      "emailTemplateId",
      "sendUserId",
      "emailSubject",
      "text",
    ] as const)
      expect(a![k], k).toBeTruthy();
    expect(a!.lead!.state).toBeTruthy();
    expect(a!.lead!.variables.email).toBe(a!.leadEmail);
    expect(typeof a!.bot).toBe("boolean");
    expect(a!.metaData!.type).toBe("emailsSent");
  });

  it("VENDORS.md: the annotated example on a company carries companyId and note, no lead, email or campaign", async () => {
    const notes = (await all("type=annotated")).filter((a) => a.companyId);
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) {
      expect(n.companyId).toMatch(/^cpn_/);
      expect(n.note).toBeTruthy();
      expect(n.leadId).toBeUndefined();
      expect(n.leadEmail).toBeUndefined();
      expect(n.campaignId).toBeUndefined();
    }
  });

  it("VENDORS.md: lead-state aggregates (contacted, hooked, …) and bot events are in the log", async () => {
    expect((await acts("type=contacted&limit=1")).length).toBe(1);
    expect((await acts("type=hooked&limit=1")).length).toBe(1);
    expect(sim.data.activities.some((a) => a.bot === true)).toBe(true);
  });

  it("errors are text/plain and unknown routes 404", async () => {
    await expectTextError(await get("/nope"), 404);
  });
});

describe("lemlist simulator: GET /tasks (seed 002)", () => {
  const open = () => sim.data.tasks.filter((t) => !sim.data.doneTaskIds.has(t._id));

  it("seed 002: {results, page} with page as a string, 0-indexed, read until an empty page", async () => {
    const p0 = await tasksPage("page=0");
    expect(p0.page).toBe("0");
    expect(typeof p0.page).toBe("string");
    const seen: string[] = [];
    for (let page = 0; page < 100; page++) {
      const p = await tasksPage(`page=${page}`);
      expect(p.page).toBe(String(page));
      if (!p.results.length) break;
      seen.push(...p.results.map((t) => t._id));
    }
    expect(seen.sort()).toEqual(
      open()
        .map((t) => t._id)
        .sort(),
    );
    expect((await tasksPage("")).page).toBe("0");
  });

  it("seed 002: 'Tasks marked as done are automatically excluded' — also once completed later", async () => {
    const all = (await Promise.all([0, 1, 2, 3].map((p) => tasksPage(`page=${p}`)))).flatMap((p) =>
      p.results.map((t) => t._id),
    );
    for (const id of sim.data.doneTaskIds) expect(all).not.toContain(id);
    const victim = open()[0]!._id;
    sim.data.completeTask(victim);
    const after = (await Promise.all([0, 1, 2, 3].map((p) => tasksPage(`page=${p}`)))).flatMap((p) =>
      p.results.map((t) => t._id),
    );
    expect(after).not.toContain(victim);
    expect(after).toHaveLength(all.length - 1);
  });

  it("seed 002: task rows carry _id, type, title, priority, leadId, campaignId, contactId, dueDate, userId, content", async () => {
    const t = (await tasksPage("page=0")).results.find((r) => r.leadId)!;
    expect(t._id).toMatch(/^opp_/);
    expect(t.leadId).toMatch(/^lea_/);
    expect(t.contactId).toMatch(/^ctc_/);
    expect(t.campaignId).toMatch(/^cam_/);
    expect(typeof t.priority).toBe("number");
    expect(typeof t.content).toBe("string");
    expect(t.userId).toMatch(/^usr_/);
  });

  it("seed 002: filters fullName / email / phone / linkedin with value or regex", async () => {
    const t = open().find((x) => x.leadId)!;
    const v = sim.data.leadById.get(t.leadId!)!.lead.variables;
    for (const f of [
      { filterId: "fullName", value: `${v.firstName} ${v.lastName}` },
      { filterId: "email", value: v.email.toUpperCase() },
      { filterId: "email", regex: `^${v.email.split("@")[0]!.replace(/\./g, "\\.")}@` },
      { filterId: "phone", value: v.phone },
      { filterId: "linkedin", regex: v.linkedinUrl.split("/").at(-1)! },
    ]) {
      const res = await tasksPage(filters([f]));
      expect(
        res.results.map((r) => r._id),
        JSON.stringify(f),
      ).toContain(t._id);
      expect(
        res.results.every(
          (r) =>
            r.leadId &&
            sim.data.leadById.get(r.leadId)!.lead.contactId === sim.data.leadById.get(t.leadId!)!.lead.contactId,
        ),
      ).toBe(true);
    }
  });

  it("seed 002: campaignId / campaignState / type / assignedTo with in and out", async () => {
    const o = open();
    const cam = o.find((t) => t.campaignId)!.campaignId!;
    const inCam = await tasksPage(filters([{ filterId: "campaignId", in: [cam] }]));
    expect(inCam.results.length).toBe(Math.min(50, o.filter((t) => t.campaignId === cam).length));
    const outCam = await tasksPage(filters([{ filterId: "campaignId", out: [cam] }]));
    expect(outCam.results.every((t) => t.campaignId !== cam)).toBe(true);

    const state = sim.data.campaignById.get(cam)!.status;
    const inState = await tasksPage(filters([{ filterId: "campaignState", in: [state] }]));
    expect(
      inState.results.every((t) => t.campaignId && sim.data.campaignById.get(t.campaignId)!.status === state),
    ).toBe(true);
    expect(inState.results.length).toBeGreaterThan(0);

    const phone = await tasksPage(filters([{ filterId: "type", in: ["phone"] }]));
    expect(phone.results.length).toBe(o.filter((t) => t.type === "phone").length);
    const notPhone = await tasksPage(filters([{ filterId: "type", out: ["phone", "manual"] }]));
    expect(notPhone.results.every((t) => t.type !== "phone" && t.type !== "manual")).toBe(true);

    const user = o[0]!.userId;
    const mine = await tasksPage(filters([{ filterId: "assignedTo", in: [user] }]));
    expect(mine.results.every((t) => t.userId === user)).toBe(true);
    const notMine = await tasksPage(filters([{ filterId: "assignedTo", out: [user] }]));
    expect(notMine.results.every((t) => t.userId !== user)).toBe(true);
  });

  it("seed 002: dueDate {from,to} in YYYY-MM-DD, inclusive days", async () => {
    const res = await tasksPage(filters([{ filterId: "dueDate", from: "2026-11-20", to: "2026-11-25" }]));
    const expected = open().filter(
      (t) => t.dueDate && t.dueDate.slice(0, 10) >= "2026-11-20" && t.dueDate.slice(0, 10) <= "2026-11-25",
    );
    expect(res.results.map((t) => t._id).sort()).toEqual(expected.map((t) => t._id).sort());
    await expectTextError(await get(`/tasks?${filters([{ filterId: "dueDate", from: "20/11/2026" }])}`), 400);
  });

  it("seed 002: bad filters → 400 text/plain (not JSON, unknown filterId, type outside the allowed list)", async () => {
    await expectTextError(await get("/tasks?filters=%5Bnot-json"), 400);
    await expectTextError(await get(`/tasks?${filters([{ filterId: "colour", value: "red" }])}`), 400);
    await expectTextError(await get(`/tasks?${filters([{ filterId: "type", in: ["fax"] }])}`), 400);
    await expectTextError(await get("/tasks?page=-1"), 400);
  });
});

describe("lemlist simulator: campaigns, stats and leads", () => {
  it("VENDORS.md: GET /campaigns?version=v2 → {campaigns, pagination}; legacy without version → bare array; offset/limit ≤ 100", async () => {
    const v2 = await getJson<{ campaigns: LemlistCampaign[]; pagination: { totalRecords: number } }>(
      "/campaigns?version=v2",
    );
    expect(v2.campaigns).toHaveLength(sim.data.campaigns.length);
    expect(v2.pagination.totalRecords).toBe(sim.data.campaigns.length);
    expect(v2.campaigns[0]!._id).toMatch(/^cam_/);
    const legacy = await getJson<LemlistCampaign[]>("/campaigns?offset=1&limit=2");
    expect(legacy.map((c) => c._id)).toEqual(sim.data.campaigns.slice(1, 3).map((c) => c._id));
    await expectTextError(await get("/campaigns?version=v2&limit=500"), 400);
  });

  it("VENDORS.md: GET /campaigns/{id}/stats counts agree with the activity log; replyRate = replied / opened", async () => {
    const c = sim.data.campaigns[0]!;
    const s = await getJson<Record<string, number>>(`/campaigns/${c._id}/stats`);
    const rows = await all(`campaignId=${c._id}`);
    const distinct = (type: string) =>
      new Set(
        rows
          .filter((a) => (a.type === type || a.type === type.replace("emails", "email")) && !a.bot)
          .map((a) => `${a.leadId}:${a.sequenceStep}`),
      ).size;
    expect(s.sentCount).toBe(rows.filter((a) => a.type === "emailsSent").length);
    expect(s.bouncedCount).toBe(rows.filter((a) => a.type === "emailsBounced").length);
    expect(s.deliveredCount).toBe(s.sentCount! - s.bouncedCount!);
    expect(s.openedCount).toBe(distinct("emailsOpened"));
    expect(s.clickedCount).toBe(distinct("emailsClicked"));
    expect(s.repliedCount).toBe(distinct("emailsReplied"));
    expect(s.replyRate).toBeCloseTo(s.repliedCount! / s.openedCount!, 3);
    expect(s.leadTotal).toBe(sim.data.leads.filter((l) => l.campaignId === c._id).length);
  });

  it("VENDORS.md: stats startDate/endDate restrict the window; endDate ≤ startDate → 400; unknown campaign → 404 text/plain", async () => {
    const c = sim.data.campaigns[0]!;
    const whole = await getJson<Record<string, number>>(`/campaigns/${c._id}/stats`);
    const part = await getJson<Record<string, number>>(
      `/campaigns/${c._id}/stats?startDate=2026-10-01T00:00:00Z&endDate=2026-10-15T00:00:00Z`,
    );
    const expected = sim.data.byCampaign
      .get(c._id)!
      .filter(
        (a) =>
          a.type === "emailsSent" &&
          a.createdAt >= "2026-10-01T00:00:00.000Z" &&
          a.createdAt <= "2026-10-15T00:00:00.000Z",
      ).length;
    expect(part.sentCount).toBe(expected);
    expect(part.sentCount).toBeLessThan(whole.sentCount!);
    await expectTextError(
      await get(`/campaigns/${c._id}/stats?startDate=2026-10-15T00:00:00Z&endDate=2026-10-01T00:00:00Z`),
      400,
    );
    await expectTextError(await get(`/campaigns/cam_doesnotexist0000/stats`), 404);
  });

  it("VENDORS.md: GET /leads/{email}?version=v2 → array, one entry per campaign; unknown → 404 text/plain", async () => {
    const multi = [...sim.data.leadsByEmail.values()].find((l) => l.length > 1)!;
    const email = multi[0]!.lead.variables.email;
    const leads = await getJson<{ _id: string; campaignId: string; contactId: string }[]>(
      `/leads/${encodeURIComponent(email)}?version=v2`,
    );
    expect(leads.map((l) => l.campaignId).sort()).toEqual(multi.map((l) => l.campaignId).sort());
    expect(new Set(leads.map((l) => l.contactId)).size).toBe(1);
    expect(leads.every((l) => l._id.startsWith("lea_"))).toBe(true);
    const upper = await getJson<unknown[]>(`/leads/${encodeURIComponent(` ${email.toUpperCase()}`)}?version=v2`);
    expect(upper).toHaveLength(leads.length);
    await expectTextError(await get(`/leads/${encodeURIComponent("nobody@nowhere.example")}?version=v2`), 404);
  });
});

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
