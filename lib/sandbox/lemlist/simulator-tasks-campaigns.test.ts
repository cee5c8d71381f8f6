import { describe, expect, it } from "vitest";
import type { LemlistCampaign, LemlistTask } from "./records";
import { all, expectTextError, get, getJson, sim, serveSimulator } from "./simulator-harness";

// Contract tests over real HTTP: tasks, campaigns, stats and leads. "seed 002" = lemlist tasks,
// "VENDORS.md" = the "lemlist" section of /work/shared/VENDORS.md.

const tasksPage = (query: string) => getJson<{ results: LemlistTask[]; page: string }>(`/tasks?${query}`);
const filters = (f: unknown[]) => `filters=${encodeURIComponent(JSON.stringify(f))}`;

serveSimulator();

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
