import { describe, expect, it } from "vitest";
import { taskSchema } from "@/lib/model/task";
import { campaignSchema } from "@/lib/model/campaign";
import { lemlistVendorReported, mapLemlistCampaign } from "./map-campaign";
import { lemlistDue, lemlistPriority, mapLemlistTask } from "./map-task";
import { lemlistCampaignSchema, lemlistCampaignStatsSchema, lemlistTaskSchema } from "./schemas";

// lemlist's tasks (seed 002: due dates, priorities, people) and campaigns (statuses, stats)
// in Touchline's shape. Activities are in map-activities.test.ts.

describe("lemlist task mapping (seed 002)", () => {
  const seedTask = {
    _id: "opp_ouYzdLYGs4RcrHTfm",
    type: "manual",
    title: "Keep an eye on him",
    priority: 1,
    leadId: "lea_mizMsAEkRrJuhouYe",
    campaignId: "cam_9NsHPnykWESTncCW8",
    contactId: "ctc_Rofmb6uNGyaPNZ2ni",
    dueDate: "2025-11-10T09:58:57.169Z",
    userId: "usr_gmHgNGRcGPSTJrDbT",
    content: "does he have bandwidth to help us? would be grand",
  };
  const mapT = (row: object) => mapLemlistTask(lemlistTaskSchema.parse(row), { teamId: "tea_1" }, row);

  it("seed 002 task with a lead: open, instant due date, priority, assignee, person identities", () => {
    const t = mapT(seedTask);
    expect(t).toMatchObject({
      id: "lemlist:opp_ouYzdLYGs4RcrHTfm",
      vendorType: "manual",
      type: "manual",
      title: "Keep an eye on him",
      body: "does he have bandwidth to help us? would be grand",
      status: "open",
      dueAt: "2025-11-10T09:58:57.169Z",
      dueDate: null,
      dueIsDateOnly: false,
      priority: "low",
      assignee: { id: "usr_gmHgNGRcGPSTJrDbT", name: null },
      campaignId: "lemlist:cam_9NsHPnykWESTncCW8",
      url: "https://app.lemlist.com/teams/tea_1/contacts/ctc_Rofmb6uNGyaPNZ2ni",
    });
    expect(t.person!.identities.map((i) => i.kind)).toEqual(["contact", "lead"]);
    const { person: _p, ...rest } = t;
    taskSchema.parse({ ...rest, contactId: null, connectionId: "c1" });
  });

  it("seed 002 task without a lead (second example): no person, empty content → no body", () => {
    const t = mapT({
      _id: "opp_muTZMDjKf7vtanEk9",
      type: "manual",
      title: "API Reference Illustration",
      priority: 2,
      dueDate: "2025-10-31T07:58:00.000Z",
      userId: "usr_gmHgNGRcGPSTJrDbT",
      content: "",
    });
    expect(t.person).toBeNull();
    expect(t.body).toBeNull();
    expect(t.priority).toBe("medium");
    expect(t.campaignId).toBeNull();
  });

  it("a midnight-UTC due date is a calendar day (dueIsDateOnly), never shifted", () => {
    expect(lemlistDue("2026-11-25T00:00:00.000Z")).toEqual({
      dueAt: "2026-11-25T00:00:00.000Z",
      dueDate: "2026-11-25",
      dueIsDateOnly: true,
    });
    expect(lemlistDue("2026-11-25")).toEqual({
      dueAt: "2026-11-25T00:00:00.000Z",
      dueDate: "2026-11-25",
      dueIsDateOnly: true,
    });
    expect(lemlistDue("2026-11-25T00:00:00.001Z").dueIsDateOnly).toBe(false);
    expect(lemlistDue("2026-11-25T00:00:00+01:00")).toEqual({
      dueAt: "2026-11-24T23:00:00.000Z",
      dueDate: null,
      dueIsDateOnly: false,
    });
    expect(lemlistDue(undefined)).toEqual({ dueAt: null, dueDate: null, dueIsDateOnly: false });
    expect(lemlistDue("soon")).toEqual({ dueAt: null, dueDate: null, dueIsDateOnly: false });
  });

  it("day tasks read the same in every time zone (STYLE.md: date tests run under two zones)", () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["Pacific/Auckland", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        expect(lemlistDue("2026-11-25T00:00:00.000Z")).toEqual({
          dueAt: "2026-11-25T00:00:00.000Z",
          dueDate: "2026-11-25",
          dueIsDateOnly: true,
        });
        expect(lemlistDue("2026-11-25").dueDate).toBe("2026-11-25");
        expect(mapT({ ...seedTask, dueDate: "2026-03-01T00:00:00.000Z" }).dueDate).toBe("2026-03-01");
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it.each([
    ["manual", "manual"],
    ["phone", "call"],
    ["linkedinInvite", "linkedin"],
    ["linkedinSend", "linkedin"],
    ["linkedinVoiceNote", "linkedin"],
    ["emailsReplied", "email"],
    ["opportunityReplied", "email"],
    ["linkedinReplied", "linkedin"],
    ["opportunityClicked", "email"],
    ["email", "email"],
    ["whatsappMessage", "whatsapp"],
    ["somethingElse", "other"],
  ])("task type %s → %s", (vendorType, type) => {
    const t = mapT({ ...seedTask, type: vendorType });
    expect(t.type).toBe(type);
    expect(t.vendorType).toBe(vendorType);
  });

  it("priorities: 1 low, 2 medium, 3 high, strings tolerated", () => {
    expect(lemlistPriority(3)).toBe("high");
    expect(lemlistPriority("2")).toBe("medium");
    expect(lemlistPriority("High")).toBe("high");
    expect(lemlistPriority(0)).toBeNull();
    expect(lemlistPriority(null)).toBeNull();
  });
});

describe("lemlist campaign mapping", () => {
  const row = {
    _id: "cam_1",
    name: "Unicorn",
    status: "running",
    createdAt: "2026-06-01T10:00:00.000Z",
    teamId: "tea_1",
  };
  it.each([
    ["running", "active"],
    ["draft", "draft"],
    ["paused", "paused"],
    ["errors", "paused"],
    ["ended", "completed"],
    ["archived", "archived"],
    ["weird", "other"],
  ])("status %s → %s (vendorStatus kept)", (status, unified) => {
    const c = mapLemlistCampaign(lemlistCampaignSchema.parse({ ...row, status }), null);
    expect(c.status).toBe(unified);
    expect(c.vendorStatus).toBe(status);
    campaignSchema.parse({ ...c, connectionId: "c1" });
  });

  it("stats become vendorReported numbers, with lemlist's reply rate (replies / opens)", () => {
    const stats = lemlistCampaignStatsSchema.parse({
      sentCount: "100",
      deliveredCount: 97,
      openedCount: 50,
      clickedCount: 7,
      repliedCount: 5,
      bouncedCount: 3,
      interestedCount: 2,
      leadTotal: 40,
      other: "x",
    });
    const c = mapLemlistCampaign(lemlistCampaignSchema.parse(row), stats);
    expect(c.vendorReported).toEqual({
      sent: 100,
      delivered: 97,
      opened: 50,
      clicked: 7,
      replied: 5,
      bounced: 3,
      interested: 2,
      leads: 40,
      replyRate: 0.1,
    });
    expect(c.id).toBe("lemlist:cam_1");
    expect(c.url).toBe("https://app.lemlist.com/teams/tea_1/campaigns/cam_1");
    expect(lemlistVendorReported(lemlistCampaignStatsSchema.parse({}))).toBeNull();
  });
});
