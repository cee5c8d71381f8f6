import type { LemlistTask } from "../records";
import * as T from "../text";
import type { Gen } from "./context";
import type { LemlistData } from "./index";
import { DAY, HOUR, iso, MIN } from "./time";
import { weighted } from "./weighted";

/** Tasks: most on a lead, some free-standing (seed 002's second example has no lead); due around now, some done. */

const TASK_TYPES: [string, number][] = [
  ["manual", 30],
  ["phone", 20],
  ["linkedinInvite", 9],
  ["linkedinSend", 9],
  ["linkedinVoiceNote", 3],
  ["emailsReplied", 10],
  ["opportunityReplied", 3],
  ["linkedinReplied", 4],
  ["opportunityClicked", 3],
  ["email", 7],
  ["whatsappMessage", 2],
];

export function generateTasks(g: Gen, n: number): { tasks: LemlistTask[]; doneTaskIds: Set<string> } {
  const { rng, now, users, leads } = g;
  const tasks: LemlistTask[] = [];
  const doneTaskIds = new Set<string>();
  for (let i = 0; i < n; i++) {
    const type = weighted(rng, TASK_TYPES);
    const entry = leads.length && rng.chance(0.9) ? leads[Math.floor(rng.next() * leads.length)]! : null;
    const vars = entry
      ? { first: entry.lead.variables.firstName, company: entry.lead.variables.companyName }
      : { first: "the team", company: "the account" };
    const task: LemlistTask = {
      _id: `opp_${rng.id()}`,
      type,
      title: T.fill(rng.pick(T.TASK_TITLES[type] ?? ["Follow up"]), vars),
      priority: rng.int(1, 3),
      userId: rng.pick(users)._id,
      content: rng.pick(T.TASK_CONTENT),
    };
    if (entry) {
      task.leadId = entry.lead._id;
      task.campaignId = entry.campaignId;
      task.contactId = entry.lead.contactId;
    }
    const due = now + (rng.next() * 50 - 20) * DAY;
    if (rng.chance(0.97)) {
      // About 30 % are "day" tasks, stored by lemlist as midnight UTC.
      const day = Math.floor(due / DAY) * DAY;
      task.dueDate = rng.chance(0.3)
        ? iso(day)
        : iso(day + rng.int(7, 18) * HOUR + rng.int(0, 59) * MIN + rng.int(0, 59_999));
    }
    tasks.push(task);
    if (rng.chance(due < now ? 0.35 : 0.1)) doneTaskIds.add(task._id);
  }
  return { tasks, doneTaskIds };
}

export function completeLemlistTask(data: LemlistData, id: string): boolean {
  if (!data.tasks.some((t) => t._id === id) || data.doneTaskIds.has(id)) return false;
  data.doneTaskIds.add(id);
  return true;
}
