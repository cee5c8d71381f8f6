"use client";

import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { tasksCsvHref } from "./queries";
import { TimeZonePicker } from "./timezone-picker";
import { useBrowserTimeZone, useTasksFilter } from "./use-tasks-filter";

/** The page header's actions: the zone in use (changeable) and the CSV export of the current view. */
export function TasksHeaderActions() {
  const browserTz = useBrowserTimeZone();
  if (!browserTz) {
    return (
      <>
        <Skeleton className="h-8 w-44" />
        <Skeleton className="h-8 w-28" />
      </>
    );
  }
  return <Actions browserTz={browserTz} />;
}

function Actions({ browserTz }: { browserTz: string }) {
  const { tz, clock, filter, setParams } = useTasksFilter(browserTz);
  return (
    <>
      <TimeZonePicker tz={tz} browserTz={browserTz} nowMs={clock.nowMs} onChange={(z) => void setParams({ tz: z })} />
      <Button asChild variant="secondary" size="sm">
        <a href={tasksCsvHref(filter)} download>
          <Download aria-hidden />
          Export CSV
        </a>
      </Button>
    </>
  );
}
