import { describe, expect, it } from "vitest";
import {
  DUE_PRESETS,
  type DueGroup,
  type DuePreset,
  dueClock,
  dueDateIn,
  dueGroup,
  groupWindow,
  DUE_GROUPS,
  isOverdue,
  matchesWindow,
  presetWindow,
  type TaskDue,
} from "./due";
import { formatDue, relativeDay } from "./format";
import { withHostTimeZone } from "@/tests/helpers/host-time-zone";

const dateOnly = (day: string): TaskDue => ({ dueAt: `${day}T00:00:00.000Z`, dueDate: day, dueIsDateOnly: true });
const timed = (iso: string): TaskDue => ({ dueAt: new Date(iso).toISOString(), dueDate: null, dueIsDateOnly: false });
const noDue: TaskDue = { dueAt: null, dueDate: null, dueIsDateOnly: false };

/** A task, the group it falls in, and the presets that include it besides `all`. */
type Case = [label: string, group: DueGroup, task: TaskDue, presets: DuePreset[]];

interface Scenario {
  name: string;
  now: string;
  tz: string;
  today: string;
  cases: Case[];
}

const SCENARIOS: Scenario[] = [
  {
    name: "Auckland, 00:30 on 5 April 2026 (the 25-hour day DST ends)",
    now: "2026-04-04T11:30:00Z",
    tz: "Pacific/Auckland",
    today: "2026-04-05",
    cases: [
      ["date-only today", "today", dateOnly("2026-04-05"), ["today", "week", "next7"]],
      ["date-only yesterday", "overdue", dateOnly("2026-04-04"), ["overdue", "week"]],
      ["23:00 NZDT yesterday", "overdue", timed("2026-04-04T10:00:00Z"), ["overdue", "week"]],
      [
        "23:30 NZST today, after the clocks went back",
        "today",
        timed("2026-04-05T11:30:00Z"),
        ["today", "week", "next7"],
      ],
      ["midnight NZST tomorrow", "tomorrow", timed("2026-04-05T12:00:00Z"), ["tomorrow", "next7"]],
      ["date-only tomorrow", "tomorrow", dateOnly("2026-04-06"), ["tomorrow", "next7"]],
      ["date-only in 6 days", "later", dateOnly("2026-04-11"), ["next7"]],
      ["date-only in 7 days", "later", dateOnly("2026-04-12"), []],
      ["no due date", "none", noDue, ["none"]],
    ],
  },
  {
    name: "Los Angeles at the same instant (04:30 PDT, Saturday 4 April)",
    now: "2026-04-04T11:30:00Z",
    tz: "America/Los_Angeles",
    today: "2026-04-04",
    cases: [
      // The Auckland "today" task is due on the 5th everywhere: not shifted to the 4th by UTC.
      ["date-only 5 April is tomorrow", "tomorrow", dateOnly("2026-04-05"), ["tomorrow", "week", "next7"]],
      ["date-only today is not overdue all day", "today", dateOnly("2026-04-04"), ["today", "week", "next7"]],
      ["03:00 today has passed", "overdue", timed("2026-04-04T10:00:00Z"), ["overdue", "week"]],
      ["04:30 tomorrow", "tomorrow", timed("2026-04-05T11:30:00Z"), ["tomorrow", "week", "next7"]],
      ["date-only Monday is after this week", "later", dateOnly("2026-04-06"), ["next7"]],
      ["date-only in 7 days", "later", dateOnly("2026-04-11"), []],
      ["no due date", "none", noDue, ["none"]],
    ],
  },
  {
    name: "UTC at the same instant",
    now: "2026-04-04T11:30:00Z",
    tz: "UTC",
    today: "2026-04-04",
    cases: [
      ["date-only 5 April", "tomorrow", dateOnly("2026-04-05"), ["tomorrow", "week", "next7"]],
      ["date-only today", "today", dateOnly("2026-04-04"), ["today", "week", "next7"]],
      ["10:00 today has passed", "overdue", timed("2026-04-04T10:00:00Z"), ["overdue", "week"]],
      ["11:31 today is still ahead", "today", timed("2026-04-04T11:31:00Z"), ["today", "week", "next7"]],
      ["23:59:59 today", "today", timed("2026-04-04T23:59:59Z"), ["today", "week", "next7"]],
      ["midnight tomorrow", "tomorrow", timed("2026-04-05T00:00:00Z"), ["tomorrow", "week", "next7"]],
    ],
  },
  {
    name: "Los Angeles, 00:30 PST on 8 March 2026 (the 23-hour day DST starts)",
    now: "2026-03-08T08:30:00Z",
    tz: "America/Los_Angeles",
    today: "2026-03-08",
    cases: [
      ["23:59 PDT today", "today", timed("2026-03-09T06:59:00Z"), ["today", "week", "next7"]],
      [
        "00:30 PDT tomorrow (a fixed -8 h offset would say today)",
        "tomorrow",
        timed("2026-03-09T07:30:00Z"),
        ["tomorrow", "next7"],
      ],
      ["midnight PST today, passed", "overdue", timed("2026-03-08T08:00:00Z"), ["overdue", "week"]],
      ["23:59 PST yesterday", "overdue", timed("2026-03-08T07:59:00Z"), ["overdue", "week"]],
      ["date-only today", "today", dateOnly("2026-03-08"), ["today", "week", "next7"]],
      ["date-only tomorrow", "tomorrow", dateOnly("2026-03-09"), ["tomorrow", "next7"]],
    ],
  },
  {
    name: "Auckland at the same instant (21:30 NZDT, Sunday 8 March)",
    now: "2026-03-08T08:30:00Z",
    tz: "Pacific/Auckland",
    today: "2026-03-08",
    cases: [
      ["date-only today", "today", dateOnly("2026-03-08"), ["today", "week", "next7"]],
      ["20:30 NZDT tomorrow", "tomorrow", timed("2026-03-09T07:30:00Z"), ["tomorrow", "next7"]],
      ["date-only yesterday", "overdue", dateOnly("2026-03-07"), ["overdue", "week"]],
    ],
  },
  {
    name: "Los Angeles, 23:30 PST on 1 November 2026 (the 25-hour day DST ends)",
    now: "2026-11-02T07:30:00Z",
    tz: "America/Los_Angeles",
    today: "2026-11-01",
    cases: [
      [
        "midnight PDT today (a fixed -8 h offset would say yesterday)",
        "overdue",
        timed("2026-11-01T07:00:00Z"),
        ["overdue", "week"],
      ],
      ["23:59 PST today, ahead", "today", timed("2026-11-02T07:59:00Z"), ["today", "week", "next7"]],
      ["midnight PST tomorrow", "tomorrow", timed("2026-11-02T08:00:00Z"), ["tomorrow", "next7"]],
      ["date-only today, not overdue before the day ends", "today", dateOnly("2026-11-01"), ["today", "week", "next7"]],
      ["date-only yesterday", "overdue", dateOnly("2026-10-31"), ["overdue", "week"]],
      ["date-only tomorrow", "tomorrow", dateOnly("2026-11-02"), ["tomorrow", "next7"]],
    ],
  },
  {
    name: "Auckland at the same instant (20:30 NZDT, Monday 2 November)",
    now: "2026-11-02T07:30:00Z",
    tz: "Pacific/Auckland",
    today: "2026-11-02",
    cases: [
      ["date-only 2 November is today", "today", dateOnly("2026-11-02"), ["today", "week", "next7"]],
      ["date-only 1 November is overdue", "overdue", dateOnly("2026-11-01"), ["overdue"]],
      ["date-only Sunday ends this week", "week", dateOnly("2026-11-08"), ["week", "next7"]],
      ["date-only next Monday", "later", dateOnly("2026-11-09"), []],
      ["date-only Sunday before, last week", "overdue", dateOnly("2026-11-01"), ["overdue"]],
    ],
  },
];

describe.each(["UTC", "Pacific/Auckland", "America/Los_Angeles"])("due dates with the host in %s", (hostTz) => {
  withHostTimeZone(hostTz);

  describe.each(SCENARIOS)("$name", ({ now, tz, today, cases }) => {
    const clock = dueClock(tz, new Date(now));

    it("knows today", () => {
      expect(clock.today).toBe(today);
    });

    it.each(cases)("%s → %s", (_label, group, task, presets) => {
      expect(dueGroup(task, clock)).toBe(group);
      expect(isOverdue(task, clock)).toBe(group === "overdue");
      const matched = DUE_PRESETS.filter((p) => p !== "all" && matchesWindow(task, presetWindow(p, clock), clock));
      expect(matched).toEqual(presets);
      expect(matchesWindow(task, presetWindow("all", clock), clock)).toBe(true);
      // The grouped view's buckets are exclusive and cover everything.
      expect(DUE_GROUPS.filter((g) => matchesWindow(task, groupWindow(g, clock), clock))).toEqual([group]);
    });
  });

  it("keeps this week's presets to open tasks, its past days included", () => {
    const clock = dueClock("Europe/Paris", new Date("2026-12-03T10:00:00Z")); // Thursday
    const week = presetWindow("week", clock);
    expect(clock.weekStart).toBe("2026-11-30");
    expect(matchesWindow({ ...dateOnly("2026-11-30"), status: "open" }, week, clock)).toBe(true);
    expect(matchesWindow({ ...dateOnly("2026-11-30"), status: "done" }, week, clock)).toBe(false);
    expect(matchesWindow({ ...dateOnly("2026-11-29"), status: "open" }, week, clock)).toBe(false);
    // Due at 09:00 Paris today: overdue at 11:00, not also today.
    const nine = timed("2026-12-03T08:00:00Z");
    expect(matchesWindow(nine, presetWindow("overdue", clock), clock)).toBe(true);
    expect(matchesWindow(nine, presetWindow("today", clock), clock)).toBe(false);
    expect(matchesWindow(nine, presetWindow("next7", clock), clock)).toBe(false);
    expect(matchesWindow(nine, week, clock)).toBe(true);
  });

  it("never reads a date-only due date through a zone", () => {
    const task = dateOnly("2026-04-05");
    for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC", "Asia/Kathmandu"])
      expect(dueDateIn(task, tz)).toBe("2026-04-05");
  });

  it("labels due dates relative to today in the zone, and absolute", () => {
    const la = dueClock("America/Los_Angeles", new Date("2026-04-04T11:30:00Z"));
    expect(formatDue(dateOnly("2026-04-05"), la, "en-GB")).toEqual({
      relative: "Tomorrow",
      absolute: "Sun 5 Apr",
      overdue: false,
      dateTime: "2026-04-05",
    });
    expect(formatDue(dateOnly("2026-04-01"), la, "en-GB")).toMatchObject({ relative: "3 days ago", overdue: true });
    const akl = dueClock("Pacific/Auckland", new Date("2026-04-04T11:30:00Z"));
    expect(formatDue(timed("2026-04-05T12:00:00Z"), akl, "en-GB")).toMatchObject({
      relative: "Tomorrow",
      absolute: "Mon 6 Apr, 00:00",
      overdue: false,
    });
    const lax = dueClock("America/Los_Angeles", new Date("2026-03-08T08:30:00Z"));
    expect(formatDue(timed("2026-03-09T06:59:00Z"), lax, "en-GB")).toMatchObject({
      relative: "In 22 hours",
      absolute: "Sun 8 Mar, 23:59",
    });
    expect(formatDue(timed("2026-03-08T08:00:00Z"), lax, "en-GB")).toMatchObject({
      relative: "30 minutes ago",
      overdue: true,
    });
    expect(formatDue(noDue, lax)).toBeNull();
    expect(formatDue(dateOnly("2027-01-15"), lax, "en-GB")?.absolute).toBe("Fri, 15 Jan 2027");
    expect(relativeDay("2026-05-20", "2026-04-04", "en")).toBe("In 7 weeks");
  });
});
