import { describe, expect, it } from "vitest";
import { campaignSchema as unifiedCampaign } from "@/lib/model/campaign";
import { smartleadRetryAfterMs } from "./client";
import { previewOf } from "./map";
import { mapCampaign, mapCampaignStatus } from "./map-campaign";
import { email, run, SEED_LEAD } from "./map-test-leads";
import { activitiesPageSchema, activitySchema, analyticsSchema, campaignSchema, leadSchema } from "./schemas";

// Reading what Smartlead sends leniently, campaigns and their analytics, previews, and the
// wait a 429 asks for.

describe("lenient parsing, one row at a time", () => {
  it("skips an email with an unreadable sent_time, keeps the others, and reports its id and paths", () => {
    const { activities, skipped, warnings } = run({
      ...SEED_LEAD,
      activities: [email({ sent_time: "soon" }, 1), email({}, 2)],
    });
    expect(skipped).toBe(1);
    expect(activities.map((a) => a.id)).toEqual(["smartlead:1002:sent"]);
    expect(warnings).toEqual([
      { m: expect.any(String), f: { leadId: "2995276770", statsId: "1001", issues: ["sent_time"] } },
    ]);
  });

  it("skips a lead without lead_id", () => {
    const { lead_id: _, ...noId } = SEED_LEAD;
    expect(run(noId)).toMatchObject({ activities: [], skipped: 1 });
  });

  it("keeps unknown fields, accepts missing optional ones and an empty reply_details", () => {
    const a = activitySchema.parse({
      stats_id: 1,
      sent_time: "2026-01-01T00:00:00Z",
      future_field: { x: 1 },
      reply_details: {},
    });
    expect(a.future_field).toEqual({ x: 1 });
    expect(
      run({
        lead_id: 5,
        activities: [{ stats_id: 1, sent_time: "2026-01-01 10:00:00", reply_details: {} }],
      }).activities.map((x) => [x.id, x.occurredAt]),
    ).toEqual([["smartlead:1:sent", "2026-01-01T10:00:00.000Z"]]);
    expect(leadSchema.safeParse({ lead_id: 1 }).success).toBe(true);
  });

  it('reads hasMore as a boolean or a "true"/"false" string', () => {
    expect(activitiesPageSchema.parse({ data: [], hasMore: "false" }).hasMore).toBe(false);
    expect(activitiesPageSchema.parse({ data: [] }).hasMore).toBeUndefined();
  });
});

describe("campaigns — VENDORS.md: status DRAFTED|ACTIVE|COMPLETED|STOPPED|PAUSED", () => {
  it.each([
    ["DRAFTED", "draft"],
    ["ACTIVE", "active"],
    ["PAUSED", "paused"],
    ["COMPLETED", "completed"],
    ["STOPPED", "completed"],
    ["ARCHIVED", "archived"],
    ["active", "active"],
    ["SCHEDULED", "other"],
    [null, "other"],
  ])("%s → %s", (vendor, ours) => {
    expect(mapCampaignStatus(vendor)).toBe(ours);
  });

  it("maps a campaign with its analytics as numbers", () => {
    const raw = {
      id: 123,
      name: "Q4 Outreach",
      status: "STOPPED",
      created_at: "2026-01-02T03:04:05.000Z",
      updated_at: "2026-02-01T00:00:00.000Z",
    };
    const analyticsRaw = {
      sent_count: "100",
      unique_open_count: "40",
      unique_click_count: "9",
      reply_count: "6",
      bounce_count: "2",
      unsubscribed_count: "1",
      total_count: "50",
      campaign_lead_stats: { interested: "3" },
    };
    const c = mapCampaign(campaignSchema.parse(raw), analyticsSchema.parse(analyticsRaw), {
      campaign: raw,
      analytics: analyticsRaw,
    });
    expect(c).toMatchObject({
      id: "smartlead:123",
      vendorId: "123",
      status: "completed",
      vendorStatus: "STOPPED",
      createdAt: "2026-01-02T03:04:05.000Z",
    });
    expect(c.vendorReported).toEqual({
      sent: 100,
      opened: 40,
      clicked: 9,
      replied: 6,
      bounced: 2,
      unsubscribed: 1,
      interested: 3,
      leads: 50,
    });
    expect(unifiedCampaign.safeParse({ ...c, connectionId: "c1" }).success).toBe(true);
    expect(mapCampaign(campaignSchema.parse({ id: "9" }), null, { campaign: {}, analytics: null })).toMatchObject({
      name: "Campaign 9",
      status: "other",
      vendorReported: null,
      createdAt: null,
    });
  });
});

describe("text", () => {
  it("previews at most 200 characters", () => {
    const long = previewOf("word ".repeat(100))!;
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith("…")).toBe(true);
    expect(previewOf(null)).toBeNull();
  });
});

describe("smartleadRetryAfterMs — VENDORS.md: obey Retry-After; 429 body {error:{retry_after:30}}", () => {
  it("reads the header first, else the body's retry_after, else gives up", () => {
    const body = JSON.stringify({ error: { code: "RATE_LIMIT_EXCEEDED", retry_after: 30 } });
    expect(smartleadRetryAfterMs(new Response(null, { status: 429, headers: { "retry-after": "2" } }), body)).toBe(
      2000,
    );
    expect(smartleadRetryAfterMs(new Response(null, { status: 429 }), body)).toBe(30_000);
    expect(smartleadRetryAfterMs(new Response(null, { status: 429 }), "Too many requests")).toBeNull();
  });
});
