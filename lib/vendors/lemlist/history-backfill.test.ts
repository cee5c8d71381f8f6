import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_PATH, type LemlistSimulator } from "@/lib/sandbox/lemlist/simulator";
import { SEED_000_ACTIVITIES } from "@/lib/sandbox/lemlist/seed-example";
import type { Faults } from "@/lib/sandbox/shared/faults";
import type { MappedActivity, Stream } from "@/lib/vendors/types";
import { acts, drain, FAST, type H, KEY, NOW, start, streams } from "./history-harness";
import { lemlistActivityId } from "./calls";
import { createLemlistConnector, type ActivitiesState } from "./index";
import type { LemlistActivityRow } from "./schemas";

// lemlist's whole history against the simulator over real HTTP: newest first, horizons,
// resuming a backfill, seed 000's rows, and a lemlist that ignores the paging parameter.

const DAY = 86_400_000;
const simIds = (sim: LemlistSimulator, from = -Infinity) => [
  ...new Set(
    sim.data.activities
      .filter((a) => Date.parse(a.createdAt) >= from)
      .map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)),
  ),
];
const sorted = (xs: Iterable<string>) => [...xs].sort();

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
