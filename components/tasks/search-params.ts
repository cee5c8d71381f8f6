// The tasks page's view lives in the URL (a shareable link), read the same way by the
// page and its components. Names match the API's parameters where they are the same thing.
import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs";
import { DUE_PRESETS } from "@/lib/dates/due";
import { TASK_STATUSES } from "@/lib/model/plain/task";
import { TASK_SORTS } from "@/lib/model/plain/tasks-query";
import { VENDORS } from "@/lib/model/vendor";

export const TASK_VIEWS = ["table", "grouped"] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
export const PAGE_SIZES = [25, 50, 100, 200, 500] as const;

export const tasksParams = {
  /** Statuses shown; `all` (as in the API) means every status. */
  status: parseAsArrayOf(parseAsStringLiteral([...TASK_STATUSES, "all"] as const)).withDefault(["open"]),
  due: parseAsStringLiteral(DUE_PRESETS).withDefault("all"),
  dueFrom: parseAsString,
  dueTo: parseAsString,
  /** The viewer's zone; absent = the browser's. */
  tz: parseAsString,
  vendors: parseAsArrayOf(parseAsStringLiteral(VENDORS)).withDefault([]),
  types: parseAsArrayOf(parseAsString).withDefault([]),
  assignee: parseAsArrayOf(parseAsString).withDefault([]),
  campaignId: parseAsArrayOf(parseAsString).withDefault([]),
  q: parseAsString.withDefault(""),
  sort: parseAsStringLiteral(TASK_SORTS).withDefault("dueAt"),
  view: parseAsStringLiteral(TASK_VIEWS).withDefault("table"),
  size: parseAsInteger.withDefault(50),
  /** "Assigned to me" (`me`) or everyone's tasks (`all`); absent: the role's default (members: me). */
  who: parseAsStringLiteral(["me", "all"] as const),
  /** Hidden columns of the table. */
  hide: parseAsArrayOf(parseAsString).withDefault([]),
};
