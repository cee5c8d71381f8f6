import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  timelineFiltersSchema,
  timelineItemSchema,
  timelineQuerySchema,
  type TimelineItem,
} from "@/lib/model/timeline";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { seedBusyContact, seedTimelineWorld } from "@/tests/fixtures/timeline";
import { openTasksForContact } from "./contact-tasks";
import { timelineFacets, timelinePage, timelinePageFor } from "./timeline";

// Ada's whole timeline in UTC, newest first (see tests/fixtures/timeline.ts).
const ALL_UTC = [
  "lemlist:tsk_2", // date-only task due 3 Nov → noon UTC
  "close:acti_d",
  "close:acti_c",
  "lemlist:act_06",
  "lemlist:act_05",
  "close:task_1", // due 5 Oct 15:00
  "close:acti_b", // same instant as acti_a: the larger id first
  "close:acti_a",
  "smartlead:9002",
  "smartlead:9001", // same instant as the Leadlex task (created at): larger id first
  "leadlex:7f3a",
  "lemlist:act_04",
  "lemlist:act_03",
  "lemlist:act_02",
  "lemlist:act_01",
];

describe.each(STORE_KINDS)("timeline queries on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
    await seedTimelineWorld(store.db);
  });
  afterAll(async () => store?.cleanup());

  const page = (params: Record<string, string>) =>
    timelinePage(store.db, params.contact ?? "c_ada", timelineQuerySchema.parse({ limit: "500", ...params }));
  const ids = async (params: Record<string, string>) => (await page(params)).data.map((i) => i.id);
  async function everyPage(params: Record<string, string>, limit: number): Promise<TimelineItem[]> {
    const out: TimelineItem[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20_000; i++) {
      const p = await page({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
      out.push(...p.data);
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    return out;
  }

  it("merges activities and tasks from every vendor, newest first, ties broken by id descending", async () => {
    expect(await ids({})).toEqual(ALL_UTC);
  });

  it("pages by cursor to the same list at any page size", async () => {
    for (const limit of [1, 2, 4, 14, 15])
      expect(
        (await everyPage({}, limit)).map((i) => i.id),
        `limit ${limit}`,
      ).toEqual(ALL_UTC);
    const last = await page({ limit: "15" });
    expect(last.nextCursor).toBeNull();
  });

  it("shapes items per lib/model: activities with campaign and step, tasks with taskType and placement", async () => {
    const { data } = await page({});
    for (const item of data) expect(() => timelineItemSchema.parse(item)).not.toThrow();
    const dateOnly = data.find((i) => i.id === "lemlist:tsk_2");
    expect(dateOnly).toMatchObject({
      type: "task",
      taskType: "call",
      title: "Call Ada back",
      dueDate: "2026-11-03",
      dueIsDateOnly: true,
      occurredAt: "2026-11-03T12:00:00.000Z",
      campaignName: "Q4 outreach",
      contactId: "c_ada",
    });
    const reply = data.find((i) => i.id === "smartlead:9002");
    expect(reply).toMatchObject({
      type: "activity",
      kind: "email_replied",
      vendor: "smartlead",
      campaignName: "Winter pricing",
      sequenceStep: 1,
      body: "Sounds good, let's talk budgets.",
      occurredAt: "2026-10-04T11:00:00.000Z",
    });
    const call = data.find((i) => i.id === "close:acti_a");
    expect(call).toMatchObject({
      durationSeconds: 300,
      actor: { id: "user_1", name: "Sam Seller" },
      raw: { id: "close:acti_a" },
    });
    expect(data.find((i) => i.id === "leadlex:7f3a")).toMatchObject({
      occurredAt: "2026-10-03T10:00:00.000Z",
      dueAt: null,
      status: "done",
    });
  });

  it("places a date-only task at noon of its day in the viewer's zone", async () => {
    const { data } = await page({ tz: "Pacific/Auckland", kinds: "task" });
    // Noon on 3 Nov in Auckland (UTC+13) is 23:00 UTC on 2 Nov.
    expect(data.find((i) => i.id === "lemlist:tsk_2")?.occurredAt).toBe("2026-11-02T23:00:00.000Z");
  });

  it("filters by kind, and lists tasks only when `task` is asked for", async () => {
    expect(await ids({ kinds: "email_replied,linkedin_replied" })).toEqual(["lemlist:act_06", "smartlead:9002"]);
    expect(await ids({ kinds: "task" })).toEqual(["lemlist:tsk_2", "close:task_1", "leadlex:7f3a"]);
    expect(await ids({ kinds: "call,task" })).toEqual([
      "lemlist:tsk_2",
      "close:task_1",
      "close:acti_a",
      "leadlex:7f3a",
    ]);
    expect(await ids({ kinds: "sms" })).toEqual([]);
  });

  it("filters by vendor", async () => {
    expect(await ids({ vendors: "close" })).toEqual([
      "close:acti_d",
      "close:acti_c",
      "close:task_1",
      "close:acti_b",
      "close:acti_a",
    ]);
    expect(await ids({ vendors: "leadlex" })).toEqual(["leadlex:7f3a"]);
    expect(await ids({ vendors: "smartlead,leadlex" })).toEqual(["smartlead:9002", "smartlead:9001", "leadlex:7f3a"]);
  });

  it("filters by campaign", async () => {
    expect(await ids({ campaignId: "lemlist:cam_q4" })).toEqual([
      "lemlist:tsk_2",
      "lemlist:act_06",
      "lemlist:act_05",
      "lemlist:act_04",
      "lemlist:act_03",
      "lemlist:act_02",
      "lemlist:act_01",
    ]);
    expect(await ids({ campaignId: "nope:1" })).toEqual([]);
  });

  it("filters by date range: inclusive calendar days in tz, instants as given", async () => {
    expect(await ids({ from: "2026-11-01" })).toEqual(["lemlist:tsk_2", "close:acti_d"]);
    // 23:30 UTC on 31 Oct is already 1 Nov in Paris.
    expect(await ids({ from: "2026-11-01", tz: "Europe/Paris" })).toEqual([
      "lemlist:tsk_2",
      "close:acti_d",
      "close:acti_c",
    ]);
    expect((await ids({ to: "2026-10-31" }))[0]).toBe("close:acti_c");
    expect((await ids({ to: "2026-10-31", tz: "Europe/Paris" }))[0]).toBe("lemlist:act_06");
    expect(await ids({ from: "2026-10-05", to: "2026-10-05" })).toEqual([
      "close:task_1",
      "close:acti_b",
      "close:acti_a",
    ]);
    expect(await ids({ from: "2026-10-05T12:00:00Z", to: "2026-10-05T12:00:00.000Z" })).toEqual([
      "close:acti_b",
      "close:acti_a",
    ]);
    // A wall-clock time without offset is read in tz: 14:00 in Paris (CEST) is 12:00 UTC.
    expect(await ids({ from: "2026-10-05T14:00", to: "2026-10-05T14:00", tz: "Europe/Paris" })).toEqual([
      "close:acti_b",
      "close:acti_a",
    ]);
  });

  it("searches subject, preview, body, actor and task text; every word must match", async () => {
    expect(await ids({ q: "proposal" })).toEqual(["close:acti_c", "close:task_1", "close:acti_b"]);
    expect(await ids({ q: "sam seller" })).toEqual(["close:acti_b", "close:acti_a"]);
    expect(await ids({ q: "WINTER" })).toEqual(["smartlead:9002", "smartlead:9001"]);
    expect(await ids({ q: "100%" })).toEqual([]);
  });

  it("hides machine opens and clicks with bots=exclude", async () => {
    const withBots = await ids({});
    const without = await ids({ bots: "exclude" });
    expect(withBots.filter((id) => !without.includes(id))).toEqual(["lemlist:act_04", "lemlist:act_02"]);
  });

  it("combines filters", async () => {
    expect(await ids({ vendors: "lemlist", kinds: "email_opened", bots: "exclude" })).toEqual(["lemlist:act_03"]);
    expect(
      await ids({ vendors: "lemlist,smartlead", kinds: "email_replied,linkedin_replied", from: "2026-10-05" }),
    ).toEqual(["lemlist:act_06"]);
    expect(await ids({ campaignId: "lemlist:cam_q4", kinds: "task,email_sent", to: "2026-10-31", q: "acme" })).toEqual([
      "lemlist:act_01",
    ]);
    const paged = await everyPage({ vendors: "close,lemlist", bots: "exclude" }, 2);
    expect(paged.map((i) => i.id)).toEqual(
      ALL_UTC.filter((id) => /^(close|lemlist):/.test(id) && !["lemlist:act_02", "lemlist:act_04"].includes(id)),
    );
  });

  it("reads the contact page's first page from the API's query string; null when it does not validate", async () => {
    // The server-rendered page and GET …/timeline answer the same request with the same page.
    const search = new URLSearchParams("vendors=lemlist,close&tz=Europe/Paris&limit=3");
    const first = await timelinePageFor(store.db, "c_ada", search);
    expect(first).toEqual(await page({ vendors: "lemlist,close", tz: "Europe/Paris", limit: "3" }));
    expect(first!.data.map((i) => i.vendor)).toEqual(["lemlist", "close", "close"]);
    expect(first!.nextCursor).not.toBeNull();
    expect(await timelinePageFor(store.db, "c_ada", new URLSearchParams("from=yesterday&limit=3"))).toBeNull();
  });

  it("answers an empty page for a person with no items", async () => {
    expect(await page({ contact: "c_quiet" })).toEqual({ data: [], nextCursor: null });
  });

  it("counts facet values, each facet ignoring its own filter", async () => {
    const f = await timelineFacets(store.db, "c_ada", timelineFiltersSchema.parse({ vendors: "close" }));
    expect(f.total).toBe(5);
    expect(f.vendors).toEqual({ lemlist: 7, smartlead: 2, close: 5, leadlex: 1 });
    expect(f.kinds).toEqual({ call: 1, note: 1, email_sent: 1, status_change: 1, task: 1 });
    expect(f.bots).toBe(0);
    const all = await timelineFacets(store.db, "c_ada", timelineFiltersSchema.parse({}));
    expect(all.total).toBe(15);
    expect(all.bots).toBe(2);
    expect(all.campaigns).toEqual([
      { id: "lemlist:cam_q4", name: "Q4 outreach", vendor: "lemlist", count: 7 },
      { id: "smartlead:77", name: "Winter pricing", vendor: "smartlead", count: 2 },
    ]);
    const replies = await timelineFacets(
      store.db,
      "c_ada",
      timelineFiltersSchema.parse({ kinds: "email_replied,linkedin_replied", campaignId: "smartlead:77" }),
    );
    expect(replies.total).toBe(1);
    expect(replies.kinds).toEqual({ email_sent: 1, email_replied: 1 });
    expect(replies.campaigns.map((c) => [c.id, c.count])).toEqual([
      ["lemlist:cam_q4", 1],
      ["smartlead:77", 1],
    ]);
  });

  it("lists open tasks for the pinned block, soonest due first", async () => {
    const open = await openTasksForContact(store.db, "c_ada");
    expect(open.map((t) => t.id)).toEqual(["close:task_1", "lemlist:tsk_2"]);
  });

  it("pages a 10 000-item timeline returning each item exactly once, in order", async () => {
    const { contactId, total } = await seedBusyContact(store.db, { n: 10_000, tasks: 40 });
    const items = await everyPage({ contact: contactId }, 500);
    const seen = new Set(items.map((i) => i.id));
    expect(items.length).toBe(total);
    expect(seen.size).toBe(total);
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1]!;
      const b = items[i]!;
      expect(Date.parse(a.occurredAt) >= Date.parse(b.occurredAt), `${a.id} before ${b.id}`).toBe(true);
    }
    // A filtered walk with an awkward page size also sees each matching item once.
    const replies = await everyPage(
      { contact: contactId, kinds: "email_replied,task", vendors: "close,smartlead" },
      137,
    );
    const all = await timelineFacets(
      store.db,
      contactId,
      timelineFiltersSchema.parse({ kinds: "email_replied,task", vendors: "close,smartlead" }),
    );
    expect(new Set(replies.map((i) => i.id)).size).toBe(replies.length);
    expect(replies.length).toBe(all.total);
    expect(
      replies.every(
        (i) => (i.type === "task" || i.kind === "email_replied") && ["close", "smartlead"].includes(i.vendor),
      ),
    ).toBe(true);
  });
});
