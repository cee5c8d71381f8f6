"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useInteractive } from "@/components/providers/interactive";
import type { TasksFilter } from "@/lib/model/plain/tasks-query";
import { PRESET_ORDER } from "./due-filter";
import { tasksListOptions } from "./queries";

/**
 * The other due presets' first pages, under the same filters, fetched one after another
 * once the page is interactive and its own list has arrived. A preset click then draws from
 * the cache: the click's budget is 50 ms (the INP target), and a round trip plus the render
 * of a new page took 100–265 ms on a quiet 2-core machine. One at a time and after the
 * page's own requests, so they never compete with what the person asked for; within the
 * query client's 30-s staleTime a click shows them as they are, later it fetches afresh, and
 * any task write invalidates them all (use-task-mutation.ts).
 */
export function usePrefetchPresets(filter: TasksFilter, ready: boolean): void {
  const qc = useQueryClient();
  const interactive = useInteractive();
  const custom = !!(filter.dueFrom || filter.dueTo);
  useEffect(() => {
    if (!ready || !interactive || custom) return;
    let stopped = false;
    void (async () => {
      for (const due of PRESET_ORDER) {
        if (stopped) return;
        if (due === (filter.due ?? "all")) continue;
        await qc.prefetchQuery(tasksListOptions({ ...filter, due, cursor: undefined }));
      }
    })();
    return () => {
      stopped = true;
    };
  }, [qc, filter, ready, interactive, custom]);
}
