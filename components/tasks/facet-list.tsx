"use client";

import { type ReactNode, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FacetOption } from "@/lib/model/tasks-query";

/** A facet panel's contents, loaded on first open: a search box (long lists), the values as checkboxes with counts, Clear. */
export function FacetList({
  title,
  options: all,
  selected,
  onChange,
  icon,
  loading,
}: {
  title: string;
  options: FacetOption[];
  selected: string[];
  onChange: (values: string[]) => void;
  icon?: (value: string) => ReactNode;
  loading?: boolean;
}) {
  const [search, setSearch] = useState("");
  const searchId = useId();
  const shown = search ? all.filter((o) => o.label.toLowerCase().includes(search.toLowerCase())) : all;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <>
      {all.length > 7 ? (
        <div className="border-b p-2">
          <label htmlFor={searchId} className="sr-only">
            Search {title.toLowerCase()}
          </label>
          <input
            id={searchId}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={`Search ${title.toLowerCase()}…`}
            className="h-8 w-full rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
          />
        </div>
      ) : null}
      <ul className="max-h-72 overflow-y-auto p-1" aria-label={title}>
        {shown.length === 0 ? (
          <li className="px-2 py-6 text-center text-sm text-muted-foreground">
            {loading ? "Loading…" : "No matches."}
          </li>
        ) : null}
        {shown.map((o) => {
          const checked = selected.includes(o.value);
          return (
            <li key={o.value}>
              <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-muted has-[:focus-visible]:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
                <input
                  type="checkbox"
                  className="size-4 shrink-0 cursor-pointer rounded accent-[var(--primary)] outline-none"
                  checked={checked}
                  onChange={(e) => toggle(o.value, e.target.checked)}
                />
                {icon ? icon(o.value) : null}
                <span className="min-w-0 flex-1 truncate">{o.label}</span>
                <span className="shrink-0 font-mono text-xs text-muted-foreground tabular-nums">
                  {o.count.toLocaleString("en-GB")}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {selected.length ? (
        <div className="border-t p-1">
          <Button variant="ghost" size="sm" className="w-full" onClick={() => onChange([])}>
            Clear {title.toLowerCase()} filter
          </Button>
        </div>
      ) : null}
    </>
  );
}
