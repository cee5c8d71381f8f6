"use client";

import { CirclePlus } from "@/components/ui/icons";
import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { lazyContent } from "@/components/ui/lazy-content";
import { cn } from "@/lib/utils";
import type { FacetProps } from "@/components/filters/facet-list";
import { FilterPopover } from "@/components/filters/popover";

// The option list (search, checkboxes, counts) loads on first intent, not with the page.
const { load: loadFacetList, Content: FacetList } = lazyContent(() =>
  import("@/components/filters/facet-list").then((m) => m.FacetList),
);

/**
 * A facet menu (shadcn "faceted filter"): a dashed button that opens a list of values
 * with how many tasks each would show; several can be picked. Counts come from the server.
 */
export function FacetedFilter({ title, options, selected, onChange, icon, loading }: FacetProps) {
  // Values picked but absent from the counts (nothing matches them now) stay listed, so they can be unpicked.
  const all = useMemo(() => {
    const known = new Set(options.map((o) => o.value));
    return [...options, ...selected.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v, count: 0 }))];
  }, [options, selected]);
  const labelOf = (v: string) => all.find((o) => o.value === v)?.label ?? v;

  return (
    <FilterPopover
      label={`Filter by ${title.toLowerCase()}`}
      className="w-72 p-0"
      load={loadFacetList}
      trigger={
        <Button variant="secondary" size="sm" className={cn("border-dashed", selected.length && "border-solid")}>
          <CirclePlus aria-hidden />
          {title}
          {selected.length ? (
            <>
              <span aria-hidden className="mx-0.5 h-4 w-px bg-border" />
              {selected.length > 2 ? (
                <Badge variant="default">{selected.length} selected</Badge>
              ) : (
                selected.map((v) => (
                  <Badge key={v} variant="default" className="max-w-32 truncate">
                    {labelOf(v)}
                  </Badge>
                ))
              )}
            </>
          ) : null}
        </Button>
      }
    >
      <FacetList title={title} options={all} selected={selected} onChange={onChange} icon={icon} loading={loading} />
    </FilterPopover>
  );
}
