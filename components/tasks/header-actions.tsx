"use client";

import { Download } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { tasksCsvHref } from "./queries";
import { TimeZonePicker } from "./timezone-picker";
import { useBrowserTimeZone, useTasksFilter } from "./use-tasks-filter";

/** The page header's actions: the zone in use (changeable) and the CSV export of the current view. */
export function TasksHeaderActions({ defaultMine = false }: { defaultMine?: boolean }) {
  const browserTz = useBrowserTimeZone();
  if (!browserTz) {
    return (
      <>
        <Skeleton className="h-8 w-44" />
        <Skeleton className="h-8 w-28" />
      </>
    );
  }
  return <Actions browserTz={browserTz} defaultMine={defaultMine} />;
}

function Actions({ browserTz, defaultMine }: { browserTz: string; defaultMine: boolean }) {
  const { tz, clock, filter, setParams } = useTasksFilter(browserTz, defaultMine);
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
