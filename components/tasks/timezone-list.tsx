"use client";

import { Check } from "@/components/ui/icons";
import { useMemo, useState } from "react";
import { PanelSearch } from "@/components/filters/panel-search";
import { zoneOffsetLabel } from "@/lib/dates/format";
import { allTimeZones } from "@/lib/dates/zone";
import { cn } from "@/lib/utils";

/** The time-zone panel's contents, loaded on first open: a search box and the matching zones (null picks the browser's). */
export function TimeZoneList({
  tz,
  browserTz,
  nowMs: now,
  onPick: pick,
}: {
  tz: string;
  browserTz: string | null;
  nowMs: number;
  onPick: (tz: string | null) => void;
}) {
  const [search, setSearch] = useState("");
  const zones = useMemo(() => allTimeZones(), []);
  const matches = useMemo(() => {
    const s = search.trim().toLowerCase().replace(/\s+/g, "_");
    const list = s ? zones.filter((z) => z.toLowerCase().includes(s)) : zones;
    return list.slice(0, 80);
  }, [zones, search]);

  return (
    <>
      <PanelSearch
        label="Search time zones"
        placeholder="Search a city or zone…"
        value={search}
        onChange={setSearch}
        autoFocus
      />
      <ul className="max-h-72 overflow-y-auto p-1" aria-label="Time zones">
        {browserTz && !search ? (
          <li>
            <ZoneOption
              label={`Browser time zone (${browserTz.replace(/_/g, " ")})`}
              offset={zoneOffsetLabel(browserTz, now)}
              current={tz === browserTz}
              onPick={() => pick(null)}
            />
          </li>
        ) : null}
        {matches.map((z) => (
          <li key={z}>
            <ZoneOption
              label={z.replace(/_/g, " ")}
              offset={zoneOffsetLabel(z, now)}
              current={z === tz && (!!search || tz !== browserTz)}
              onPick={() => pick(z)}
            />
          </li>
        ))}
        {matches.length === 0 ? (
          <li className="px-2 py-6 text-center text-muted-foreground">No time zone matches “{search}”.</li>
        ) : null}
      </ul>
      <p className="border-t px-3 py-2 text-xs text-muted-foreground">
        “Today” and “overdue” follow this zone. Date-only due dates stay on their day in every zone.
      </p>
    </>
  );
}

function ZoneOption({
  label,
  offset,
  current,
  onPick,
}: {
  label: string;
  offset: string;
  current: boolean;
  onPick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={onPick}
      aria-current={current || undefined}
      className={cn(
        "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-muted focus-visible:bg-muted",
        current && "font-medium",
      )}
    >
      <Check className={cn("size-3.5 shrink-0", !current && "invisible")} aria-hidden />
      <span className="min-w-0 flex-1 truncate">{label}</span>
      <span className="shrink-0 font-mono text-xs text-muted-foreground">{offset}</span>
    </button>
  );
}
