import { describe, expect, it } from "vitest";
import { acts, all, expectTextError, get, NOW, sim, serveSimulator } from "./simulator-harness";
import { DEMO_API_KEY } from "./simulator";

// Contract tests over real HTTP: auth and the activity log. "seed 000" = lemlist activities,
// "VENDORS.md" = the "lemlist" section of /work/shared/VENDORS.md.

serveSimulator();

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
