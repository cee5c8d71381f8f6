"use client";

import { Check } from "lucide-react";
import { useId, useMemo, useState } from "react";
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
  const searchId = useId();
  const zones = useMemo(() => allTimeZones(), []);
  const matches = useMemo(() => {
    const s = search.trim().toLowerCase().replace(/\s+/g, "_");
    const list = s ? zones.filter((z) => z.toLowerCase().includes(s)) : zones;
    return list.slice(0, 80);
  }, [zones, search]);

  return (
    <>
      <div className="border-b p-2">
        <label htmlFor={searchId} className="sr-only">
          Search time zones
        </label>
        <input
          id={searchId}
          autoFocus
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search a city or zone…"
          className="h-8 w-full rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
        />
      </div>
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
