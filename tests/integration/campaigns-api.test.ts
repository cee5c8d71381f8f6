import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MappedActivity } from "@/lib/vendors/types";
import { lead, mappedActivity } from "@/tests/fixtures/mapped-activity";
import { callRoute, setTempDataDir } from "@/tests/helpers/app-store";

// The campaigns and engagement API through its route handlers (API.md "Campaigns and
// engagement"): the shapes outside clients rely on, and every 400 and 404.

setTempDataDir();
const list = await import("@/app/api/v1/campaigns/route");
const engagement = await import("@/app/api/v1/campaigns/[id]/engagement/route");
const compare = await import("@/app/api/v1/campaigns/compare/route");
const { getStore } = await import("@/lib/server/store");
const t = await import("@/lib/server/store/schema");
const { writeBatch } = await import("@/lib/server/sync/write");

type Problem = { status: number; title: string; detail: string; errors?: { path: string; message: string }[] };

const activity = (
  id: string,
  kind: MappedActivity["kind"],
  occurredAt: string,
  campaignId: string,
  extra: Partial<MappedActivity> = {},
) =>
  mappedActivity({
    id,
    vendor: id.split(":")[0] as MappedActivity["vendor"],
    kind,
    occurredAt,
    campaignId,
    person: lead("ada"),
    ...extra,
  });

const LEM = "lemlist:cam_1";
const SML = "smartlead:42";

describe("campaigns API", () => {
  beforeAll(async () => {
    const { db } = await getStore();
    await db.insert(t.connections).values([
      { id: "c1", vendor: "lemlist", label: "lemlist", keyCiphertext: "x", keyHint: "••••1234" },
      { id: "c2", vendor: "smartlead", label: "Smartlead", keyCiphertext: "x", keyHint: "••••1234" },
    ]);
    await db.insert(t.campaigns).values([
      {
        id: LEM,
        connectionId: "c1",
        vendor: "lemlist",
        vendorId: "cam_1",
        name: "Spring outreach",
        status: "active",
        vendorReported: { sent: 3, replied: 1, opened: 2 },
      },
      { id: SML, connectionId: "c2", vendor: "smartlead", vendorId: "42", name: "Agencies", status: "completed" },
    ]);
    await db.transaction((tx) =>
      writeBatch(tx, "c1", "lemlist", {
        activities: [
          activity("lemlist:1", "email_sent", "2026-03-01T09:00:00Z", LEM),
          activity("lemlist:2", "email_opened", "2026-03-01T10:00:00Z", LEM, { bot: true }),
          activity("lemlist:3", "email_replied", "2026-03-03T23:30:00Z", LEM),
          activity("lemlist:4", "email_sent", "2026-03-05T09:00:00Z", LEM, { sequenceStep: 2, person: lead("bob") }),
        ],
      }),
    );
    await db.transaction((tx) =>
      writeBatch(tx, "c2", "smartlead", {
        activities: [activity("smartlead:1", "email_sent", "2026-03-02T09:00:00Z", SML)],
      }),
    );
  });
  afterAll(async () => (await getStore()).close());

  it("GET /campaigns lists campaigns with totals, rates and last activity", async () => {
    const r = await callRoute(list.GET, "/api/v1/campaigns");
    expect(r.status).toBe(200);
    const data = (
      r.json as {
        data: { id: string; totals: { sent: number }; rates: { reply: number | null }; lastActivityAt: string }[];
      }
    ).data;
    expect(data.map((c) => c.id)).toEqual([LEM, SML]);
    expect(data[0]).toMatchObject({
      vendor: "lemlist",
      name: "Spring outreach",
      status: "active",
      totals: { sent: 2, delivered: 2, opened: 0, replied: 1 },
      rates: { reply: 0.5, open: 0 },
      lastActivityAt: "2026-03-05T09:00:00.000Z",
    });
    expect(
      ((await callRoute(list.GET, "/api/v1/campaigns?vendor=smartlead&q=agen")).json as { data: unknown[] }).data,
    ).toHaveLength(1);
  });

  it("GET /campaigns/{id}/engagement answers the contract, with the id decoded from the path", async () => {
    const r = await callRoute(
      engagement.GET,
      `/api/v1/campaigns/${encodeURIComponent(LEM)}/engagement?tz=Europe/Paris`,
      { params: { id: LEM } },
    );
    expect(r.status).toBe(200);
    const e = r.json as Record<string, unknown> & {
      series: { bucket: string; replied: number }[];
      byStep: { step: number }[];
      totals: Record<string, number>;
    };
    expect(Object.keys(e)).toEqual(
      expect.arrayContaining([
        "campaign",
        "interval",
        "tz",
        "series",
        "byStep",
        "byVariant",
        "totals",
        "rates",
        "definitions",
        "vendorReported",
      ]),
    );
    expect(e).toMatchObject({
      interval: "day",
      tz: "Europe/Paris",
      bots: "exclude",
      from: "2026-03-01",
      to: "2026-03-05",
      vendorReported: { sent: 3, replied: 1, opened: 2 },
    });
    expect(e.series).toHaveLength(5);
    // 23:30 UTC on the 3rd is the 4th in Paris.
    expect(e.series.find((s) => s.replied === 1)?.bucket).toBe("2026-03-03T23:00:00.000Z");
    expect(e.byStep.map((s) => s.step)).toEqual([1, 2]);
    expect(e.totals).toMatchObject({ sent: 2, opened: 0 });
    const withBots = await callRoute(engagement.GET, `/api/v1/campaigns/x/engagement?bots=include`, {
      params: { id: LEM },
    });
    expect((withBots.json as typeof e).totals.opened).toBe(1);
  });

  it.each([
    ["interval=hour", "interval"],
    ["from=2026-03-10&to=2026-03-01", "from"],
    ["tz=Mars/Olympus", "tz"],
    ["tz=%2B02:00", "tz"],
    ["from=yesterday", "from"],
    ["bots=maybe", "bots"],
  ])("%s → 400 problem+json naming %s", async (query, param) => {
    const r = await callRoute(engagement.GET, `/api/v1/campaigns/x/engagement?${query}`, { params: { id: LEM } });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect((r.json as Problem).errors?.map((e) => e.path)).toContain(param);
  });

  it("an unknown campaign → 404", async () => {
    const r = await callRoute(engagement.GET, "/api/v1/campaigns/nope/engagement", { params: { id: "nope" } });
    expect(r.status).toBe(404);
    expect((r.json as Problem).detail).toContain("nope");
  });

  it("GET /campaigns/compare puts campaigns of two vendors side by side", async () => {
    const r = await callRoute(compare.GET, `/api/v1/campaigns/compare?ids=${LEM},${SML}`);
    expect(r.status).toBe(200);
    const c = r.json as {
      from: null;
      data: { campaign: { id: string; vendor: string }; totals: { sent: number }; rates: { bounce: number } }[];
    };
    expect(c.from).toBeNull();
    expect(c.data.map((d) => [d.campaign.vendor, d.totals.sent, d.rates.bounce])).toEqual([
      ["lemlist", 2, 0],
      ["smartlead", 1, 0],
    ]);
    const ranged = await callRoute(
      compare.GET,
      `/api/v1/campaigns/compare?ids=${LEM},${SML}&from=2026-03-02&to=2026-03-04&tz=UTC`,
    );
    expect((ranged.json as typeof c).data.map((d) => d.totals.sent)).toEqual([0, 1]);
  });

  it("compare names unknown ids and compares the rest (404 only when none is known); a missing list is 400", async () => {
    const r = await callRoute(compare.GET, `/api/v1/campaigns/compare?ids=${LEM},lemlist:gone`);
    expect(r.status).toBe(200);
    const body = r.json as { notFound: string[]; data: { campaign: { id: string } }[] };
    expect(body.notFound).toEqual(["lemlist:gone"]);
    expect(body.data.map((d) => d.campaign.id)).toEqual([LEM]);
    const gone = await callRoute(compare.GET, "/api/v1/campaigns/compare?ids=lemlist:gone");
    expect(gone.status).toBe(404);
    expect((gone.json as Problem).detail).toContain('"lemlist:gone"');
    const none = await callRoute(compare.GET, "/api/v1/campaigns/compare");
    expect(none.status).toBe(400);
    expect((none.json as Problem).errors?.[0]?.path).toBe("ids");
  });

  it("needs a session or a token", async () => {
    expect((await callRoute(list.GET, "/api/v1/campaigns", { anonymous: true })).status).toBe(401);
    expect(
      (await callRoute(engagement.GET, "/api/v1/campaigns/x/engagement", { params: { id: LEM }, anonymous: true }))
        .status,
    ).toBe(401);
  });
});
