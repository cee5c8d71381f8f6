"use client";

import { Globe } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { lazyContent } from "@/components/ui/lazy-content";
import { zoneOffsetLabel } from "@/lib/dates/format";
import { FilterPopover } from "@/components/filters/popover";

// The zone list (Intl.supportedValuesOf, search) loads on first intent, not with the page.
const { load: loadZoneList, Content: ZoneList } = lazyContent(() =>
  import("./timezone-list").then((m) => m.TimeZoneList),
);

/** Shows the zone "today" and "overdue" are computed in, and lets the viewer pick another. */
export function TimeZonePicker({
  tz,
  browserTz,
  nowMs: now,
  onChange,
}: {
  tz: string;
  browserTz: string | null;
  nowMs: number;
  onChange: (tz: string | null) => void;
}) {
  const pick = (z: string | null, close: () => void) => {
    onChange(z);
    close();
  };

  return (
    <FilterPopover
      label="Time zone"
      align="end"
      className="w-80 p-0"
      load={loadZoneList}
      trigger={
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Time zone: ${tz}. Change`}
          title="Today and overdue are computed in this time zone"
        >
          <Globe aria-hidden />
          <span className="max-w-44 truncate">{tz.replace(/_/g, " ")}</span>
          <span className="font-mono text-xs text-muted-foreground">{zoneOffsetLabel(tz, now)}</span>
        </Button>
      }
    >
      {(close) => <ZoneList tz={tz} browserTz={browserTz} nowMs={now} onPick={(z) => pick(z, close)} />}
    </FilterPopover>
  );
}
