import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, setTempDataDir as pointStoreAtTempDir } from "@/tests/helpers/app-store";
import { seedBusyContact, seedTimelineWorld } from "@/tests/fixtures/timeline";

// The contacts and timeline API through its route handlers (API.md "Contacts and
// timeline"): the contract outside clients rely on, including every 400 and 404.

pointStoreAtTempDir();
const contacts = await import("@/app/api/v1/contacts/route");
const contact = await import("@/app/api/v1/contacts/[id]/route");
const timeline = await import("@/app/api/v1/contacts/[id]/timeline/route");
const facets = await import("@/app/api/v1/contacts/[id]/timeline/facets/route");
const { getStore } = await import("@/lib/server/store");
const { createFirstAdmin } = await import("@/lib/server/auth/users");
const { createToken } = await import("@/lib/server/auth/tokens");

type Handler = Parameters<typeof callRoute>[0];
let auth: Record<string, string> = {};
/** Calls a handler as a signed-in script (API token), like the acceptance checks do. */
const call = (handler: Handler, url: string, params: Record<string, string> = {}) =>
  callRoute(handler, url, { params, headers: auth });

type Page = { data: { id: string; type: string; vendor: string; kind?: string }[]; nextCursor: string | null };
type Problem = { status: number; title: string; detail: string; errors?: { path: string; message: string }[] };

const getTimeline = (query: string, id = "c_ada") =>
  call(timeline.GET, `/api/v1/contacts/${id}/timeline?${query}`, { id });

async function walk(query: string, id = "c_ada"): Promise<Page["data"]> {
  const out: Page["data"] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const r = await getTimeline(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, id);
    expect(r.status).toBe(200);
    const p = r.json as Page;
    out.push(...p.data);
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  return out;
}

describe("contacts and timeline API", () => {
  beforeAll(async () => {
    const store = await getStore();
    const admin = await createFirstAdmin(store.db, "admin@timeline.test", "a long enough password 1");
    auth = { authorization: `Bearer ${(await createToken(store.db, admin!, "timeline tests")).token}` };
    await seedTimelineWorld(store.db);
    await seedBusyContact(store.db, { n: 10_000, tasks: 40 });
  });
  afterAll(async () => (await getStore()).close());

  it("GET /contacts lists people newest activity first with counts", async () => {
    const r = await call(contacts.GET, "/api/v1/contacts?limit=2");
    expect(r.status).toBe(200);
    const p = r.json as {
      data: { id: string; vendors: string[]; activityCount: number; openTaskCount: number }[];
      nextCursor: string;
    };
    expect(p.data.map((c) => c.id)).toEqual(["c_bob", "c_ada"]);
    expect(p.nextCursor).toEqual(expect.any(String));
    const next = await call(contacts.GET, `/api/v1/contacts?limit=2&cursor=${encodeURIComponent(p.nextCursor)}`);
    expect((next.json as Page).data.map((c) => c.id)).toEqual(["c_cleo", "c_busy"]);
    const q = await call(contacts.GET, "/api/v1/contacts?q=Acme&vendor=smartlead");
    expect((q.json as Page).data.map((c) => c.id)).toEqual(["c_ada"]);
  });

  it("GET /contacts/{id} answers the person with identities and open tasks; unknown id → 404", async () => {
    const r = await call(contact.GET, "/api/v1/contacts/c_ada", { id: "c_ada" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      id: "c_ada",
      identities: expect.arrayContaining([
        { vendor: "close", vendorId: "lead_ada", kind: "lead", url: "https://app.close.com/lead/lead_ada/" },
      ]),
    });
    expect((r.json as { openTasks: { id: string }[] }).openTasks.map((t) => t.id)).toEqual([
      "close:task_1",
      "lemlist:tsk_2",
    ]);
    const missing = await call(contact.GET, "/api/v1/contacts/nope-nope", { id: "nope-nope" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("answers the timeline newest first with items from every vendor", async () => {
    const r = await getTimeline("limit=50");
    expect(r.status).toBe(200);
    const p = r.json as Page;
    expect(p.data).toHaveLength(15);
    expect(new Set(p.data.map((i) => i.vendor))).toEqual(new Set(["lemlist", "smartlead", "close", "leadlex"]));
    expect(p.nextCursor).toBeNull();
  });

  it("applies every filter alone and combined", async () => {
    const ids = async (q: string) => ((await getTimeline(q)).json as Page).data.map((i) => i.id);
    expect(await ids("kinds=email_replied,linkedin_replied")).toEqual(["lemlist:act_06", "smartlead:9002"]);
    expect(await ids("kinds=task")).toEqual(["lemlist:tsk_2", "close:task_1", "leadlex:7f3a"]);
    expect(await ids("vendors=leadlex")).toEqual(["leadlex:7f3a"]);
    expect(await ids("vendors=smartlead&vendors=leadlex")).toEqual([
      "smartlead:9002",
      "smartlead:9001",
      "leadlex:7f3a",
    ]);
    expect(await ids("campaignId=smartlead%3A77")).toEqual(["smartlead:9002", "smartlead:9001"]);
    expect(await ids("from=2026-11-01&tz=Europe/Paris")).toEqual(["lemlist:tsk_2", "close:acti_d", "close:acti_c"]);
    expect(await ids("to=2026-10-01")).toEqual(["lemlist:act_02", "lemlist:act_01"]);
    expect(await ids("q=proposal")).toEqual(["close:acti_c", "close:task_1", "close:acti_b"]);
    expect((await ids("bots=exclude")).length).toBe(13);
    expect(await ids("bots=include&vendors=lemlist&kinds=email_opened,email_clicked")).toEqual([
      "lemlist:act_04",
      "lemlist:act_03",
      "lemlist:act_02",
    ]);
    expect(
      await ids(
        "vendors=lemlist,smartlead&kinds=email_replied,linkedin_replied&from=2026-10-05&to=2026-10-31&tz=UTC&q=thanks&bots=exclude",
      ),
    ).toEqual(["lemlist:act_06"]);
  });

  it("pages a 10 000-item timeline by cursor, returning each item exactly once", async () => {
    const items = await walk("limit=500", "c_busy");
    expect(items).toHaveLength(10_040);
    expect(new Set(items.map((i) => i.id)).size).toBe(10_040);
    const filtered = await walk("limit=333&vendors=close&kinds=call,task&bots=exclude", "c_busy");
    expect(new Set(filtered.map((i) => i.id)).size).toBe(filtered.length);
    expect(filtered.every((i) => i.vendor === "close" && (i.type === "task" || i.kind === "call"))).toBe(true);
    const counts = (
      await call(facets.GET, "/api/v1/contacts/c_busy/timeline/facets?vendors=close&kinds=call,task&bots=exclude", {
        id: "c_busy",
      })
    ).json as { total: number };
    expect(filtered.length).toBe(counts.total);
  });

  it("answers facet counts", async () => {
    const r = await call(facets.GET, "/api/v1/contacts/c_ada/timeline/facets?vendors=close", { id: "c_ada" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ total: 5, vendors: { lemlist: 7, smartlead: 2, close: 5, leadlex: 1 } });
  });

  const BAD: [string, string][] = [
    ["limit=0", "limit"],
    ["limit=100000", "limit"],
    ["limit=abc", "limit"],
    ["limit=2.5", "limit"],
    ["kinds=nope", "kinds"],
    ["kinds=email_sent,nope", "kinds"],
    ["vendors=myspace", "vendors"],
    ["from=2026-11-10&to=2026-11-01", "from"],
    ["from=2026-02-30", "from"],
    ["to=yesterday", "to"],
    ["tz=Mars/Olympus", "tz"],
    ["tz=%2B05:00", "tz"],
    ["bots=sometimes", "bots"],
    ["cursor=%25%25", "cursor"],
    ["cursor=bm9wZQ", "cursor"], // base64url of "nope"
    [`cursor=${Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url")}`, "cursor"],
    [`cursor=${Buffer.from(JSON.stringify(["2026-01-01T00:00:00Z", ""])).toString("base64url")}`, "cursor"],
  ];
  for (const [query, param] of BAD) {
    it(`${query} → 400 naming ${param}`, async () => {
      const r = await getTimeline(query);
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toMatch(/problem\+json/);
      const p = r.json as Problem;
      expect(p.errors?.[0]?.path).toBe(param);
      expect(p.detail).toContain(param);
    });
  }

  it("bad contact-list parameters → 400 naming them", async () => {
    for (const [query, param] of [
      ["limit=501", "limit"],
      ["vendor=myspace", "vendor"],
      ["cursor=%25%25", "cursor"],
    ]) {
      const r = await call(contacts.GET, `/api/v1/contacts?${query}`);
      expect(r.status, query).toBe(400);
      expect((r.json as Problem).errors?.[0]?.path).toBe(param);
    }
  });

  it("without credentials → 401", async () => {
    const r = await callRoute(timeline.GET, "/api/v1/contacts/c_ada/timeline", {
      params: { id: "c_ada" },
      anonymous: true,
    });
    expect(r.status).toBe(401);
  });

  it("unknown contact → 404 on the timeline and its facets", async () => {
    expect((await getTimeline("", "nope-nope")).status).toBe(404);
    expect((await call(facets.GET, "/api/v1/contacts/nope-nope/timeline/facets", { id: "nope-nope" })).status).toBe(
      404,
    );
  });
});
