import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIVITY_KINDS } from "@/lib/model/activity";
import { BASE_PATH, createLemlistSimulator, type LemlistSimulator } from "@/lib/sandbox/lemlist/simulator";
import { SEED_000_ACTIVITIES } from "@/lib/sandbox/lemlist/seed-example";
import type { Faults } from "@/lib/sandbox/shared/faults";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { ConnectorContext, MappedActivity, Stream, StreamPage } from "@/lib/vendors/types";
import { CallMerger, lemlistActivityId } from "./calls";
import { createLemlistConnector, type ActivitiesState, type LemlistConnectorOptions } from "./index";
import { lemlistKind } from "./map";
import type { LemlistActivityRow } from "./schemas";

// lemlist's whole history, type names and calls, against the simulator over real HTTP.

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-24T12:00:00Z");
const KEY = "5c1e4c7d2a6f48e0b3c5d7f9a1e2c4b6";
const FAST: LemlistConnectorOptions = { pace: { limit: 50_000, windowMs: 1000 }, maxBackoffMs: 20, timeoutMs: 3000 };
// Two years of history, so "older than a year" and "the last 3 months" both mean something.
const world = (campaigns = 10) =>
  createWorld({ seed: 5, people: 60, activities: 4000, campaigns, tasks: 150, days: 730, now: new Date(NOW) });

interface H {
  sim: LemlistSimulator;
  server: RunningServer;
  requests: URL[];
  close(): Promise<void>;
}

async function start(opts: Parameters<typeof createLemlistSimulator>[1] = {}, campaigns = 10): Promise<H> {
  const sim = createLemlistSimulator(world(campaigns), { apiKey: KEY, rateLimit: null, now: () => NOW, ...opts });
  const requests: URL[] = [];
  const server = await serveHandler(async (req) => {
    requests.push(new URL(req.url));
    return sim.handler(req);
  });
  return { sim, server, requests, close: () => server.close() };
}

function streams(h: H, extra: Partial<ConnectorContext> = {}) {
  const warnings: string[] = [];
  const session = createLemlistConnector(FAST).open({
    baseUrl: h.server.url + BASE_PATH,
    apiKey: KEY,
    now: () => new Date(NOW),
    warn: (m) => warnings.push(m),
    ...extra,
  });
  const [campaigns, activities, tasks] = session.streams() as [Stream, Stream<ActivitiesState>, Stream];
  return { session, campaigns: campaigns!, activities: activities!, tasks: tasks!, warnings };
}

async function drain<S>(stream: Stream<S>, state: S | null, stopAfter = Infinity): Promise<StreamPage<S>[]> {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) {
    pages.push(p);
    if (pages.length >= stopAfter) break;
    if (pages.length > 20_000) throw new Error("runaway stream");
  }
  return pages;
}

const acts = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.activities ?? []);
const simIds = (sim: LemlistSimulator, from = -Infinity) => [
  ...new Set(
    sim.data.activities
      .filter((a) => Date.parse(a.createdAt) >= from)
      .map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)),
  ),
];
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("lemlist type names (seed 000 and VENDORS.md)", () => {
  // Every name seed 000 uses: its examples' types and its schema text's singular ones.
  const SEED_000 = ["manualDone", "annotated", "manualNotInterested", "paused", "emailsOpened"];
  const SEED_000_SCHEMA = ["emailOpened", "emailClicked", "emailReplied"];
  const VENDORS_MD = [
    "emailsSent",
    "emailsOpened",
    "emailsClicked",
    "emailsReplied",
    "emailsBounced",
    "emailsFailed",
    "emailsSendFailed",
    "emailsInterested",
    "emailsNotInterested",
    "emailsUnsubscribed",
    "linkedinSent",
    "linkedinOpened",
    "linkedinReplied",
    "linkedinInterested",
    "linkedinNotInterested",
    "linkedinVisitDone",
    "linkedinVisitFailed",
    "linkedinInviteDone",
    "linkedinInviteAccepted",
    "linkedinInviteFailed",
    "linkedinFollowDone",
    "linkedinVoiceNoteDone",
    "aircallCreated",
    "aircallDone",
    "aircallEnded",
    "apiDone",
    "apiFailed",
    "manualDone",
    "manualInterested",
    "manualNotInterested",
    "annotated",
    "opportunitiesDone",
    "paused",
    "resumed",
    "skipped",
    "sendLimitReached",
    "connectionIssue",
    "contacted",
    "hooked",
    "attracted",
    "warmed",
    "interested",
    "notInterested",
  ];

  it.each([...new Set([...SEED_000, ...SEED_000_SCHEMA, ...VENDORS_MD])])(
    "%s maps to a kind that is not `other`",
    (type) => {
      expect(lemlistKind(type).kind).not.toBe("other");
      expect(ACTIVITY_KINDS).toContain(lemlistKind(type).kind);
    },
  );

  it("singular and plural names are the same type; LinkedIn types stay on the LinkedIn channel", () => {
    for (const [s, p] of [
      ["emailOpened", "emailsOpened"],
      ["emailClicked", "emailsClicked"],
      ["emailReplied", "emailsReplied"],
      ["emailSent", "emailsSent"],
      ["emailBounced", "emailsBounced"],
    ])
      expect(lemlistKind(s!)).toEqual(lemlistKind(p!));
    for (const t of VENDORS_MD.filter((x) => x.startsWith("linkedin"))) expect(lemlistKind(t).channel).toBe("linkedin");
    expect(lemlistKind("somethingNew").kind).toBe("other");
  });
});

describe("one Aircall call is one call item", () => {
  const row = (id: string, type: string, createdAt: string, extra: Partial<LemlistActivityRow> = {}) =>
    ({
      _id: id,
      type,
      createdAt,
      leadId: "lea_1",
      contactId: "ctc_1",
      campaignId: "cam_1",
      sequenceStep: 2,
      metaData: { taskId: "tsk_9" },
      ...extra,
    }) as LemlistActivityRow;

  it("created, ended and done rows, newest first across two pages, become one item with the latest duration and outcome", () => {
    const m = new CallMerger(() => ({ teamId: "tea_1" }));
    const page1 = m.map([{ row: row("act_3", "aircallDone", "2026-01-01T10:09:00Z"), raw: 3 }]);
    expect(page1).toHaveLength(1);
    const page2 = m.map([
      { row: row("act_2", "aircallEnded", "2026-01-01T10:05:00Z", { duration: 240 }), raw: 2 },
      { row: row("act_1", "aircallCreated", "2026-01-01T10:01:00Z"), raw: 1 },
    ]);
    expect(page2).toHaveLength(1);
    const call = page2[0]!;
    expect(call.id).toBe(page1[0]!.id);
    expect(call.kind).toBe("call");
    expect(call.vendorType).toBe("aircallDone");
    expect(call.durationSeconds).toBe(240);
    expect(call.occurredAt).toBe("2026-01-01T10:01:00.000Z");
    expect(call.sequenceStep).toBe(3);
    expect(call.raw).toEqual({ rows: [1, 2, 3] });
  });

  it("without the created row, the call starts at its end less its duration; without a task id the lead, campaign and step key it", () => {
    const m = new CallMerger(() => ({}));
    const [a] = m.map([
      { row: row("act_2", "aircallEnded", "2026-01-01T10:05:00Z", { duration: 60, metaData: null }), raw: 2 },
    ]);
    expect(a!.occurredAt).toBe("2026-01-01T10:04:00.000Z");
    expect(a!.id).toBe("lemlist:call:lea_1:cam_1:2");
  });

  it("over HTTP: every simulated call (a task id shared by its rows) arrives as one item", async () => {
    const h = await start();
    try {
      const items = acts(await drain(streams(h).activities, null));
      // A call is re-sent whole each time a row adds to it; the store keeps the last.
      const calls = [...new Map(items.filter((a) => a.kind === "call").map((a) => [a.id, a])).values()];
      const triples = new Map<string, typeof h.sim.data.activities>();
      for (const a of h.sim.data.activities)
        if (a.type.startsWith("aircall"))
          triples.set(a.metaData!.taskId!, [...(triples.get(a.metaData!.taskId!) ?? []), a]);
      expect(triples.size).toBeGreaterThan(3);
      expect(calls).toHaveLength(triples.size);
      for (const [taskId, rows] of triples) {
        const c = calls.find((x) => x.id === `lemlist:call:${taskId}`)!;
        expect(c.occurredAt).toBe(rows.find((r) => r.type === "aircallCreated")!.createdAt);
        expect(c.durationSeconds).toBe(rows.find((r) => r.type === "aircallEnded")!.duration);
        expect(c.vendorType).toBe("aircallDone");
      }
    } finally {
      await h.close();
    }
  });
});

describe("lemlist full history, newest first", () => {
  let h: H;
  beforeAll(async () => {
    h = await start({ seedExamples: true });
  });
  afterAll(() => h?.close());

  it("by default reads everything, older than a year included, newest window first, and ends complete", async () => {
    const pages = await drain(streams(h).activities, null);
    const ids = acts(pages).map((a) => a.id);
    expect(sorted(new Set(ids))).toEqual(sorted(simIds(h.sim)));
    expect(acts(pages).some((a) => Date.parse(a.occurredAt) < NOW - 365 * DAY)).toBe(true);
    // The first page is the newest week: usable before anything older is read.
    expect(Math.min(...acts(pages.slice(0, 1)).map((a) => Date.parse(a.occurredAt)))).toBeGreaterThan(NOW - 8 * DAY);
    const last = pages.at(-1)!;
    expect(last.progress!.historyComplete).toBe(true);
    expect(last.progress!.historyBackTo).toBe(h.sim.data.activities[0]!.createdAt);
  });

  it("the last 3 months read nothing older; moving the horizon back to everything reads the rest, once", async () => {
    const from = new Date(NOW - 91 * DAY).toISOString();
    const first = await drain(streams(h, { history: { from } }).activities, null);
    const recent = acts(first);
    expect(recent.every((a) => a.occurredAt >= from)).toBe(true);
    expect(sorted(new Set(recent.map((a) => a.id)))).toEqual(sorted(simIds(h.sim, Date.parse(from))));
    const state = first.at(-1)!.state;
    expect(first.at(-1)!.progress).toMatchObject({ historyComplete: true, historyBackTo: from });
    expect(state.exhausted).toBeFalsy();

    const before = h.requests.length;
    const back = await drain(streams(h, { history: { from: null } }).activities, state);
    const older = acts(back).filter((a) => a.occurredAt < from);
    const all = new Set([...recent.map((a) => a.id), ...older.map((a) => a.id)]);
    expect(sorted(all)).toEqual(sorted(simIds(h.sim)));
    // Only the overlap hour of the top is read again; the backfill starts at the old horizon.
    const reread = acts(back).filter((a) => a.occurredAt >= from);
    expect(reread.every((a) => Date.parse(a.occurredAt) >= NOW - 2 * 3_600_000)).toBe(true);
    expect(back.at(-1)!.progress!.historyComplete).toBe(true);
    expect(h.requests.length - before).toBeLessThan(500);
  });

  it("history back to follows the rows of a window being read, before its last page commits it", async () => {
    // One window over everything: many pages, one commit at the end.
    const session = createLemlistConnector({ ...FAST, initialWindowMs: 800 * DAY, maxWindowMs: 800 * DAY }).open({
      baseUrl: h.server.url + BASE_PATH,
      apiKey: KEY,
      now: () => new Date(NOW),
    });
    const activities = (session.streams() as Stream<ActivitiesState>[])[1]!;
    const pages = await drain(activities, null, 6);
    const backTos = pages.map((p) => Date.parse(p.progress!.historyBackTo!));
    // The committed state has not moved (the window is not read whole)...
    expect(pages.at(-1)!.state.backTo).toBe(new Date(NOW).toISOString());
    // ...but what is stored already reaches back page by page: the oldest row read so far.
    for (let i = 1; i < backTos.length; i++) expect(backTos[i]!).toBeLessThanOrEqual(backTos[i - 1]!);
    expect(backTos.at(-1)!).toBeLessThan(NOW - DAY);
    expect(backTos.at(-1)!).toBe(Math.min(...pages.map((p) => Date.parse(p.progress!.historyBackTo!))));
    expect(pages.at(-1)!.progress!.historyComplete).toBe(false);
  });

  it("a backfill stopped in the middle resumes from its last committed window", async () => {
    const fullFrom = h.requests.length;
    const all = await drain(streams(h).activities, null);
    const fullRequests = h.requests.length - fullFrom;
    const cut = Math.floor(all.length / 2);
    const part = await drain(streams(h).activities, null, cut);
    const saved = part.at(-1)!.state;
    expect(saved.backTo! > h.sim.data.activities[0]!.createdAt).toBe(true);
    const requestsBefore = h.requests.length;
    const rest = await drain(streams(h).activities, saved);
    const got = new Set([...acts(part), ...acts(rest)].map((a) => a.id));
    expect(sorted(got)).toEqual(sorted(simIds(h.sim)));
    // It resumed: the windows above `backTo` were not read again (only the overlap hour).
    expect(
      acts(rest).filter((a) => a.occurredAt >= saved.backTo! && Date.parse(a.occurredAt) < NOW - 2 * 3_600_000),
    ).toEqual([]);
    expect(h.requests.length - requestsBefore).toBeLessThan(fullRequests * 0.8);
  });

  it("seed 000's example rows arrive with their dates, people, kinds and steps", async () => {
    const items = acts(await drain(streams(h).activities, null));
    const byId = new Map<string, MappedActivity>(items.map((a) => [a.id, a]));
    for (const r of SEED_000_ACTIVITIES) {
      const a = byId.get(`lemlist:${r._id}`)!;
      expect(a, r._id).toBeDefined();
      expect(a.occurredAt).toBe(r.createdAt);
      expect(a.kind).not.toBe("other");
    }
    const open = byId.get("lemlist:act_x6esGLhoPa2SMHCZ7")!;
    expect(open).toMatchObject({
      kind: "email_opened",
      sequenceStep: 2,
      variant: "A",
      campaignId: "lemlist:cam_oxeGg6paG3ZVxjHkH",
    });
    expect(open.person!.email).toBe("sam@example.com");
    expect(open.person!.identities.map((i) => i.vendorId)).toEqual(["ctc_FkeUdQHEfhqG2HMbK", "lea_wj47uWhDbbN6Qq6oT"]);
    expect(byId.get("lemlist:act_WeKrlIaQlBnM3LZ6G")).toMatchObject({ kind: "not_interested", variant: "B" });
    expect(byId.get("lemlist:act_WeKrlIaQlBnM3LZ6G")!.person!.email).toBe("support@lemlist.com");
    expect(byId.get("lemlist:act_PbKqTGpQqSlPcoOZ5")).toMatchObject({
      kind: "task_completed",
      actor: { id: "usr_Emu1g29BMtBixhMSP", name: "Guillaume Moubeche" },
    });
    expect(byId.get("lemlist:act_zktTG4HXXXSOQya5U")!.kind).toBe("sequence_event");
    const note = byId.get("lemlist:act_j0NrG6rYEPP9TMmWC")!;
    expect(note).toMatchObject({ kind: "note", body: "could help our GTM team be more productive", person: null });
  });
});

describe("a lemlist that ignores the paging parameter", () => {
  const faults: Faults = { ignorePaging: true };
  it.each(["activities", "campaigns", "tasks"] as const)(
    "%s stops after one repeated page with a warning",
    async (name) => {
      // More campaigns than one page of 100, so the listing asks for a second page.
      const h = await start({ faults }, name === "campaigns" ? 300 : 10);
      try {
        const s = streams(h);
        const pages = await drain(s[name] as Stream, null);
        const warned = pages.filter((p) => p.warnings?.length);
        expect(warned.length).toBe(1);
        expect(warned[0]!.warnings![0]).toMatch(new RegExp(`lemlist ${name}: .*ignored a paging parameter`));
        if (name !== "activities") expect(h.requests.filter((u) => u.pathname.endsWith(`/${name}`))).toHaveLength(2);
        else {
          const perWindow = new Map<string, number>();
          for (const u of h.requests.filter((x) => x.searchParams.get("limit") === "100")) {
            const k = `${u.searchParams.get("minDate")}|${u.searchParams.get("maxDate")}`;
            perWindow.set(k, (perWindow.get(k) ?? 0) + 1);
          }
          expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(2);
          expect(pages.at(-1)!.progress!.historyComplete).toBe(true);
        }
        // A listing cut short reconciles no task to done.
        if (name === "tasks") expect(pages.some((p) => p.reconcileOpenTasks)).toBe(false);
      } finally {
        await h.close();
      }
    },
  );
});
