import { describe, expect, it } from "vitest";
import { ACTIVITY_KINDS } from "@/lib/model/activity";
import { acts, drain, start, streams } from "./history-harness";
import { CallMerger } from "./calls";
import { lemlistKind } from "./map";
import type { LemlistActivityRow } from "./schemas";

// lemlist's type names (seed 000 and VENDORS.md) and its Aircall calls, whose several rows
// make one call item, also over real HTTP against the simulator.

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
