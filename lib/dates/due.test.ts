import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const dateOnly = (day: string): TaskDue => ({ dueAt: `${day}T00:00:00.000Z`, dueDate: day, dueIsDateOnly: true });
const timed = (iso: string): TaskDue => ({ dueAt: new Date(iso).toISOString(), dueDate: null, dueIsDateOnly: false });
const noDue: TaskDue = { dueAt: null, dueDate: null, dueIsDateOnly: false };

interface Case {
  label: string;
  task: TaskDue;
  group: DueGroup;
  /** Presets that include the task besides `all`. */
  presets: DuePreset[];
}

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
      { label: "date-only today", task: dateOnly("2026-04-05"), group: "today", presets: ["today", "week", "next7"] },
      { label: "date-only yesterday", task: dateOnly("2026-04-04"), group: "overdue", presets: ["overdue", "week"] },
      {
        label: "23:00 NZDT yesterday",
        task: timed("2026-04-04T10:00:00Z"),
        group: "overdue",
        presets: ["overdue", "week"],
      },
      {
        label: "23:30 NZST today, after the clocks went back",
        task: timed("2026-04-05T11:30:00Z"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      {
        label: "midnight NZST tomorrow",
        task: timed("2026-04-05T12:00:00Z"),
        group: "tomorrow",
        presets: ["tomorrow", "next7"],
      },
      { label: "date-only tomorrow", task: dateOnly("2026-04-06"), group: "tomorrow", presets: ["tomorrow", "next7"] },
      { label: "date-only in 6 days", task: dateOnly("2026-04-11"), group: "later", presets: ["next7"] },
      { label: "date-only in 7 days", task: dateOnly("2026-04-12"), group: "later", presets: [] },
      { label: "no due date", task: noDue, group: "none", presets: ["none"] },
    ],
  },
  {
    name: "Los Angeles at the same instant (04:30 PDT, Saturday 4 April)",
    now: "2026-04-04T11:30:00Z",
    tz: "America/Los_Angeles",
    today: "2026-04-04",
    cases: [
      // The Auckland "today" task is due on the 5th everywhere: not shifted to the 4th by UTC.
      {
        label: "date-only 5 April is tomorrow",
        task: dateOnly("2026-04-05"),
        group: "tomorrow",
        presets: ["tomorrow", "week", "next7"],
      },
      {
        label: "date-only today is not overdue all day",
        task: dateOnly("2026-04-04"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      {
        label: "03:00 today has passed",
        task: timed("2026-04-04T10:00:00Z"),
        group: "overdue",
        presets: ["overdue", "week"],
      },
      {
        label: "04:30 tomorrow",
        task: timed("2026-04-05T11:30:00Z"),
        group: "tomorrow",
        presets: ["tomorrow", "week", "next7"],
      },
      {
        label: "date-only Monday is after this week",
        task: dateOnly("2026-04-06"),
        group: "later",
        presets: ["next7"],
      },
      { label: "date-only in 7 days", task: dateOnly("2026-04-11"), group: "later", presets: [] },
      { label: "no due date", task: noDue, group: "none", presets: ["none"] },
    ],
  },
  {
    name: "UTC at the same instant",
    now: "2026-04-04T11:30:00Z",
    tz: "UTC",
    today: "2026-04-04",
    cases: [
      {
        label: "date-only 5 April",
        task: dateOnly("2026-04-05"),
        group: "tomorrow",
        presets: ["tomorrow", "week", "next7"],
      },
      { label: "date-only today", task: dateOnly("2026-04-04"), group: "today", presets: ["today", "week", "next7"] },
      {
        label: "10:00 today has passed",
        task: timed("2026-04-04T10:00:00Z"),
        group: "overdue",
        presets: ["overdue", "week"],
      },
      {
        label: "11:31 today is still ahead",
        task: timed("2026-04-04T11:31:00Z"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      {
        label: "23:59:59 today",
        task: timed("2026-04-04T23:59:59Z"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      {
        label: "midnight tomorrow",
        task: timed("2026-04-05T00:00:00Z"),
        group: "tomorrow",
        presets: ["tomorrow", "week", "next7"],
      },
    ],
  },
  {
    name: "Los Angeles, 00:30 PST on 8 March 2026 (the 23-hour day DST starts)",
    now: "2026-03-08T08:30:00Z",
    tz: "America/Los_Angeles",
    today: "2026-03-08",
    cases: [
      {
        label: "23:59 PDT today",
        task: timed("2026-03-09T06:59:00Z"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      {
        label: "00:30 PDT tomorrow (a fixed -8 h offset would say today)",
        task: timed("2026-03-09T07:30:00Z"),
        group: "tomorrow",
        presets: ["tomorrow", "next7"],
      },
      {
        label: "midnight PST today, passed",
        task: timed("2026-03-08T08:00:00Z"),
        group: "overdue",
        presets: ["overdue", "week"],
      },
      {
        label: "23:59 PST yesterday",
        task: timed("2026-03-08T07:59:00Z"),
        group: "overdue",
        presets: ["overdue", "week"],
      },
      { label: "date-only today", task: dateOnly("2026-03-08"), group: "today", presets: ["today", "week", "next7"] },
      { label: "date-only tomorrow", task: dateOnly("2026-03-09"), group: "tomorrow", presets: ["tomorrow", "next7"] },
    ],
  },
  {
    name: "Auckland at the same instant (21:30 NZDT, Sunday 8 March)",
    now: "2026-03-08T08:30:00Z",
    tz: "Pacific/Auckland",
    today: "2026-03-08",
    cases: [
      { label: "date-only today", task: dateOnly("2026-03-08"), group: "today", presets: ["today", "week", "next7"] },
      {
        label: "20:30 NZDT tomorrow",
        task: timed("2026-03-09T07:30:00Z"),
        group: "tomorrow",
        presets: ["tomorrow", "next7"],
      },
      { label: "date-only yesterday", task: dateOnly("2026-03-07"), group: "overdue", presets: ["overdue", "week"] },
    ],
  },
  {
    name: "Los Angeles, 23:30 PST on 1 November 2026 (the 25-hour day DST ends)",
    now: "2026-11-02T07:30:00Z",
    tz: "America/Los_Angeles",
    today: "2026-11-01",
    cases: [
      {
        label: "midnight PDT today (a fixed -8 h offset would say yesterday)",
        task: timed("2026-11-01T07:00:00Z"),
        group: "overdue",
        presets: ["overdue", "week"],
      },
      {
        label: "23:59 PST today, ahead",
        task: timed("2026-11-02T07:59:00Z"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      {
        label: "midnight PST tomorrow",
        task: timed("2026-11-02T08:00:00Z"),
        group: "tomorrow",
        presets: ["tomorrow", "next7"],
      },
      {
        label: "date-only today, not overdue before the day ends",
        task: dateOnly("2026-11-01"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      { label: "date-only yesterday", task: dateOnly("2026-10-31"), group: "overdue", presets: ["overdue", "week"] },
      { label: "date-only tomorrow", task: dateOnly("2026-11-02"), group: "tomorrow", presets: ["tomorrow", "next7"] },
    ],
  },
  {
    name: "Auckland at the same instant (20:30 NZDT, Monday 2 November)",
    now: "2026-11-02T07:30:00Z",
    tz: "Pacific/Auckland",
    today: "2026-11-02",
    cases: [
      {
        label: "date-only 2 November is today",
        task: dateOnly("2026-11-02"),
        group: "today",
        presets: ["today", "week", "next7"],
      },
      {
        label: "date-only 1 November is overdue",
        task: dateOnly("2026-11-01"),
        group: "overdue",
        presets: ["overdue"],
      },
      {
        label: "date-only Sunday ends this week",
        task: dateOnly("2026-11-08"),
        group: "week",
        presets: ["week", "next7"],
      },
      { label: "date-only next Monday", task: dateOnly("2026-11-09"), group: "later", presets: [] },
      {
        label: "date-only Sunday before, last week",
        task: dateOnly("2026-11-01"),
        group: "overdue",
        presets: ["overdue"],
      },
    ],
  },
];

describe.each(["UTC", "Pacific/Auckland", "America/Los_Angeles"])("due dates with the host in %s", (hostTz) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = hostTz;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  describe.each(SCENARIOS)("$name", ({ now, tz, today, cases }) => {
    const clock = dueClock(tz, new Date(now));

    it("knows today", () => {
      expect(clock.today).toBe(today);
    });

    it.each(cases)("$label → $group", ({ task, group, presets }) => {
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
