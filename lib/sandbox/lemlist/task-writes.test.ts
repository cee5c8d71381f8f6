import { describe, expect, it } from "vitest";
import { createWorld } from "@/lib/sandbox/shared/world";
import { generateLemlistData } from "./data";
import { listTasks } from "./query-tasks";
import { patchLemlistTask, TaskNotFound } from "./task-writes";
import { BadRequest } from "./query";

// `PATCH /tasks` as VENDORS.md documents it: the change is kept and served by the next listing.
const data = generateLemlistData(
  createWorld({ seed: 3, people: 30, activities: 300, campaigns: 3, tasks: 40, days: 20 }),
);
const open = () => listTasks(data, 0, []).concat(listTasks(data, 1, []));

describe("lemlist PATCH /tasks", () => {
  it("completes a task: it leaves the listing", () => {
    const t = open()[0]!;
    expect(patchLemlistTask(data, { id: t._id, done: true })).toMatchObject({ status: "completed" });
    expect(open().some((x) => x._id === t._id)).toBe(false);
  });

  it("keeps a day as lemlist's midnight UTC, an instant as given, and the priority on the listing's scale", () => {
    const t = open()[0]!;
    patchLemlistTask(data, { id: t._id, dueDate: "2027-01-11", priority: 2 });
    expect(open().find((x) => x._id === t._id)).toMatchObject({ dueDate: "2027-01-11T00:00:00.000Z", priority: 3 });
    patchLemlistTask(data, { id: t._id, dueDate: "2027-01-11T09:30:00+13:00" });
    expect(open().find((x) => x._id === t._id)!.dueDate).toBe("2027-01-10T20:30:00.000Z");
  });

  it("refuses bad values without changing anything", () => {
    const t = open()[0]!;
    const before = JSON.stringify(t);
    for (const body of [
      { id: t._id, done: false },
      { id: t._id, dueDate: "soon" },
      { id: t._id, assignedTo: "usr_nobody", dueDate: "2027-02-02" },
      { id: t._id, priority: 5 },
      [],
    ])
      expect(() => patchLemlistTask(data, body)).toThrow(BadRequest);
    expect(JSON.stringify(open().find((x) => x._id === t._id))).toBe(before);
    expect(() => patchLemlistTask(data, { id: "opp_nope", done: true })).toThrow(TaskNotFound);
  });
});
