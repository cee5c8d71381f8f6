"use client";

import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FacetOption as Option } from "@/lib/model/tasks-query";
import { PanelSearch } from "./panel-search";
import { FacetOption } from "./popover";

/** A facet's values with their counts, what is picked, and how to say a value (its menu and its panel share these). */
export interface FacetProps {
  title: string;
  options: Option[];
  selected: string[];
  onChange: (values: string[]) => void;
  icon?: (value: string) => ReactNode;
  loading?: boolean;
}

/**
 * A facet panel's contents (tasks, timeline, campaigns): a search box when the list is long,
 * the values as checkboxes with counts, and Clear. Loaded with the panel, on first open.
 */
export function FacetList({ title, options: all, selected, onChange, icon, loading }: FacetProps) {
  const [search, setSearch] = useState("");
  const shown = search ? all.filter((o) => o.label.toLowerCase().includes(search.toLowerCase())) : all;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <>
      {all.length > 7 ? (
        <PanelSearch
          label={`Search ${title.toLowerCase()}`}
          placeholder={`Search ${title.toLowerCase()}…`}
          value={search}
          onChange={setSearch}
        />
      ) : null}
      <ul className="max-h-72 overflow-y-auto p-1" aria-label={title}>
        {shown.length === 0 ? (
          <li className="px-2 py-6 text-center text-sm text-muted-foreground">
            {loading ? "Loading…" : "No matches."}
          </li>
        ) : null}
        {shown.map((o) => (
          <li key={o.value}>
            <FacetOption
              label={o.label}
              icon={icon?.(o.value)}
              count={o.count}
              checked={selected.includes(o.value)}
              onChange={(on) => toggle(o.value, on)}
            />
          </li>
        ))}
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
