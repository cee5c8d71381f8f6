import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityKind } from "@/lib/model/activity";
import * as t from "@/lib/server/store/schema";
import { writeBatch } from "@/lib/server/sync/write";
import type { MappedActivity } from "@/lib/vendors/types";
import { lead, mappedActivity } from "@/tests/fixtures/mapped-activity";
import { freshStoreWith, STORE_KINDS } from "@/tests/helpers/stores";
import { campaignsNeedingAttention, overviewWeek, tasksDueToday } from "./overview";

type Store = Awaited<ReturnType<typeof freshStoreWith>>;

let n = 0;
function act(kind: ActivityKind, occurredAt: string, campaignId: string, person: string): MappedActivity {
  return mappedActivity({ id: `lemlist:ov${n++}`, kind, occurredAt, campaignId, person: lead(person) });
}

// "Now" is Wednesday 11 March 2026, 10:00 in Paris.
const NOW = new Date("2026-03-11T09:00:00Z");
const at = (daysAgo: number, hour = 9) =>
  new Date(NOW.getTime() - daysAgo * 86400e3 + (hour - 9) * 3600e3).toISOString();

describe.each(STORE_KINDS)("overview on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStoreWith(kind, { id: "conn1", vendor: "lemlist", label: "L" });
    await store.db.insert(t.campaigns).values([
      {
        id: "lemlist:bouncy",
        connectionId: "conn1",
        vendor: "lemlist",
        vendorId: "bouncy",
        name: "Bouncy",
        status: "active",
      },
      {
        id: "lemlist:fading",
        connectionId: "conn1",
        vendor: "lemlist",
        vendorId: "fading",
        name: "Fading",
        status: "active",
      },
      {
        id: "lemlist:fine",
        connectionId: "conn1",
        vendor: "lemlist",
        vendorId: "fine",
        name: "Fine",
        status: "active",
      },
    ]);
    const rows: MappedActivity[] = [];
    // Bouncy: 40 sent in the last 30 days, 4 bounced (10 %).
    for (let i = 0; i < 40; i++) rows.push(act("email_sent", at(1 + (i % 20)), "lemlist:bouncy", `b${i}`));
    for (let i = 0; i < 4; i++) rows.push(act("email_bounced", at(1 + (i % 20)), "lemlist:bouncy", `b${i}`));
    // Fading: 40 sent in each fortnight; 8 replies in the one before, 2 in the last.
    for (let i = 0; i < 40; i++)
      rows.push(
        act("email_sent", at(15 + (i % 13)), "lemlist:fading", `f${i}`),
        act("email_sent", at(1 + (i % 13)), "lemlist:fading", `g${i}`),
      );
    for (let i = 0; i < 8; i++) rows.push(act("email_replied", at(16 + i), "lemlist:fading", `f${i}`));
    for (let i = 0; i < 2; i++) rows.push(act("email_replied", at(2 + i), "lemlist:fading", `g${i}`));
    // Fine: steady, and this week (from Monday 9 March, Paris) vs the same span last week.
    rows.push(
      act("email_sent", "2026-03-09T08:00:00Z", "lemlist:fine", "x1"),
      act("email_sent", "2026-03-10T08:00:00Z", "lemlist:fine", "x2"),
    );
    rows.push(act("email_replied", "2026-03-10T09:00:00Z", "lemlist:fine", "x1"));
    rows.push(act("email_sent", "2026-03-02T08:00:00Z", "lemlist:fine", "y1"));
    rows.push(act("email_sent", "2026-03-05T08:00:00Z", "lemlist:fine", "y2")); // last Thursday: after "now − 7 days", not counted
    rows.push(act("email_sent", "2026-03-08T23:30:00Z", "lemlist:fine", "y3")); // Monday 00:30 in Paris, still Sunday in UTC
    await store.db.transaction((tx) => writeBatch(tx, "conn1", "lemlist", { activities: rows }));

    await store.db.insert(t.tasks).values([
      {
        id: "close:t1",
        connectionId: "conn1",
        vendor: "close",
        vendorType: "x",
        type: "call",
        title: "Timed today",
        status: "open",
        dueAt: "2026-03-11T15:00:00Z",
      },
      {
        id: "close:t2",
        connectionId: "conn1",
        vendor: "close",
        vendorType: "x",
        type: "call",
        title: "Date-only today",
        status: "open",
        dueAt: "2026-03-11T00:00:00Z", // date-only tasks carry midnight UTC of their day (as sync writes them)
        dueDate: "2026-03-11",
        dueIsDateOnly: true,
      },
      {
        id: "close:t3",
        connectionId: "conn1",
        vendor: "close",
        vendorType: "x",
        type: "call",
        title: "Just after midnight in Paris",
        status: "open",
        dueAt: "2026-03-10T23:30:00Z",
      },
      {
        id: "close:t4",
        connectionId: "conn1",
        vendor: "close",
        vendorType: "x",
        type: "call",
        title: "Yesterday, date-only",
        status: "open",
        dueAt: "2026-03-10T00:00:00Z",
        dueDate: "2026-03-10",
        dueIsDateOnly: true,
      },
      {
        id: "close:t5",
        connectionId: "conn1",
        vendor: "close",
        vendorType: "x",
        type: "call",
        title: "Done today",
        status: "done",
        dueAt: "2026-03-11T15:00:00Z",
      },
    ]);
  });
  afterAll(async () => store?.cleanup());

  it("compares this ISO week so far with the same span of last week, in the viewer's zone", async () => {
    // Counted by hand from the rows above: Monday 9 March 00:00 Paris (8 March 23:00 UTC) to now,
    // against Monday 2 March to Wednesday 4 March 09:00 UTC.
    const paris = await overviewWeek(store.db, "Europe/Paris", NOW);
    expect(paris.weekStart).toBe("2026-03-09");
    expect(paris.thisWeek).toEqual({ sent: 14, delivered: 12, replied: 2, bounced: 2, replyRate: 2 / 12 });
    expect(paris.lastWeek.sent).toBe(11);
    // In UTC the 23:30 send is still Sunday: last week, after the same-span cut-off.
    const utc = await overviewWeek(store.db, "UTC", NOW);
    expect(utc.thisWeek.sent).toBe(13);
    expect(utc.lastWeek.sent).toBe(11);
  });

  it("flags a bounce rate above 5 % and a falling reply rate, and leaves healthy campaigns alone", async () => {
    const items = await campaignsNeedingAttention(store.db, NOW);
    const byId = new Map(items.map((i) => [i.campaign.id, i.reasons.map((r) => r.kind)]));
    expect(byId.get("lemlist:bouncy")).toEqual(["bounce"]);
    expect(byId.get("lemlist:fading")).toEqual(["reply_falling"]);
    expect(byId.has("lemlist:fine")).toBe(false);
  });

  it("lists open tasks due today in the viewer's zone; date-only due dates stay dates", async () => {
    const paris = await tasksDueToday(store.db, "Europe/Paris", NOW);
    // Today's 00:30 task has passed: overdue, and so not also "due today" (API.md: disjoint).
    expect(paris.tasks.map((x) => x.id).sort()).toEqual(["close:t1", "close:t2"]);
    expect(paris.total).toBe(2);
    expect(paris.overdue).toBe(2); // yesterday's date-only task, and today's 00:30 one (overdue = due before now)
    expect(paris.open).toBe(4);
    const ny = await tasksDueToday(store.db, "America/New_York", NOW); // 05:00 on the 11th there
    expect(ny.tasks.map((x) => x.id).sort()).toEqual(["close:t1", "close:t2"]);
  });
});
