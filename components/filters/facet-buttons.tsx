"use client";

import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * A facet shown inline as a row of toggle buttons (few values: vendors, statuses), the
 * kit's counterpart of the popover's FacetList. With `counts`, each button shows its count
 * and values without rows are hidden unless picked; with `allLabel`, a first button clears
 * the facet and is pressed while nothing is picked.
 */
export function FacetButtons<T extends string>({
  label,
  options,
  selected,
  counts,
  labelOf,
  icon,
  allLabel,
  onChange,
}: {
  label: string;
  options: readonly T[];
  selected: readonly T[];
  counts?: ReadonlyMap<T, number>;
  labelOf: (v: T) => string;
  icon?: (v: T) => ReactNode;
  allLabel?: string;
  onChange: (next: T[]) => void;
}) {
  const shown = counts ? options.filter((o) => (counts.get(o) ?? 0) > 0 || selected.includes(o)) : options;
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1.5">
      {allLabel ? null : <span className="mr-1 text-xs font-medium text-muted-foreground">{label}</span>}
      {allLabel ? (
        <Toggle on={selected.length === 0} onClick={() => onChange([])}>
          {allLabel}
        </Toggle>
      ) : null}
      {shown.map((o) => {
        const on = selected.includes(o);
        return (
          <Toggle key={o} on={on} onClick={() => onChange(on ? selected.filter((s) => s !== o) : [...selected, o])}>
            {icon?.(o)}
            {labelOf(o)}
            {counts ? (
              <span className="font-mono text-[0.7rem] text-muted-foreground tabular-nums">{counts.get(o) ?? 0}</span>
            ) : null}
          </Toggle>
        );
      })}
    </div>
  );
}

function Toggle({ on, onClick, children }: { on: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onClick}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring/50 max-sm:h-9",
        on ? "border-primary/40 bg-primary/10 text-foreground" : "bg-card text-muted-foreground hover:text-foreground",
      )}
    >
      {children}
    </button>
  );
}
