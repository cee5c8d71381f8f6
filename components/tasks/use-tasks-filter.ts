"use client";

import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { isCalendarDate } from "@/lib/dates/calendar";
import { dueClock } from "@/lib/dates/due";
import { canonicalTimeZone, isValidTimeZone } from "@/lib/dates/zone";
import { TASK_STATUSES, type TaskStatus } from "@/lib/model/plain/task";
import { ASSIGNEE_ME, type TasksFilter } from "@/lib/model/plain/tasks-query";
import { PAGE_SIZES, tasksParams } from "./search-params";

export { useBrowserTimeZone } from "@/lib/dates/use-browser-time-zone";

/** "Now", refreshed every minute so "in 5 minutes" and "overdue" stay true while the page is open. */
function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * The page's state from the URL, cleaned (an invalid zone or date is ignored rather than
 * sent), as the API filter the list, the facets and the export are built from.
 */
export function useTasksFilter(browserTz: string, defaultMine = false) {
  // One rule on every page: a choice (preset, facet, sort, view) is a history entry the Back
  // button returns to; typing in the search box replaces the current entry (callers pass it).
  const [params, setParams] = useQueryStates(tasksParams, { history: "push" });
  const now = useMinute();
  const tz = params.tz && isValidTimeZone(params.tz) ? canonicalTimeZone(params.tz) : browserTz;
  const clock = useMemo(() => dueClock(tz, now), [tz, now]);

  const validDay = (d: string | null) => (d && isCalendarDate(d) ? d : undefined);
  let dueFrom = validDay(params.dueFrom);
  let dueTo = validDay(params.dueTo);
  if (dueFrom && dueTo && dueFrom > dueTo) [dueFrom, dueTo] = [dueTo, dueFrom];
  const size = (PAGE_SIZES as readonly number[]).includes(params.size) ? params.size : 50;
  const status: TaskStatus[] = params.status.includes("all")
    ? [...TASK_STATUSES]
    : params.status.length
      ? TASK_STATUSES.filter((s) => params.status.includes(s))
      : ["open"];
  const q = params.q.trim() || undefined;
  // "Assigned to me": the caller's linked vendor users (`assignee=me`), the default for members.
  const mine = params.who ? params.who === "me" : defaultMine || params.assignee.includes(ASSIGNEE_ME);
  const assignee = mine ? [ASSIGNEE_ME] : params.assignee.filter((a) => a !== ASSIGNEE_ME);

  const key = JSON.stringify([
    status,
    params.due,
    dueFrom,
    dueTo,
    tz,
    params.vendors,
    params.types,
    assignee,
    params.campaignId,
    q,
    params.sort,
    size,
  ]);
  const filter: TasksFilter = useMemo(
    () => ({
      status,
      due: params.due,
      dueFrom,
      dueTo,
      tz,
      vendors: params.vendors,
      types: params.types,
      assignee,
      campaignId: params.campaignId,
      q,
      sort: params.sort,
      limit: size,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the serialised filter
    [key],
  );
  return { params, setParams, tz, clock, filter, filterKey: key, dueFrom, dueTo, size, status, mine };
}
