"use client";

import { useRef } from "react";
import { usePressedInView } from "@/components/ui/use-pressed-in-view";
import { cn } from "@/lib/utils";

/**
 * A small set of mutually exclusive choices as buttons (aria-pressed), e.g. Day | Week. With
 * `captioned`, its name is also written above it (a control among the page's filters). On a
 * phone more than three choices keep one line that scrolls sideways, the pressed one in view.
 */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  className,
  captioned,
}: {
  label: string;
  value: T | null;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  className?: string;
  captioned?: boolean;
}) {
  const row = useRef<HTMLDivElement>(null);
  usePressedInView(row, value ?? "");
  // Two or three short choices fit a phone's width; more keep one line that scrolls.
  const scrolls = options.length > 3;
  const group = (
    <div
      ref={row}
      role="group"
      aria-label={label}
      className={cn(
        "inline-flex max-w-full flex-wrap rounded-md border bg-card p-0.5 shadow-xs",
        scrolls && "max-sm:w-full max-sm:min-w-0 max-sm:flex-nowrap max-sm:overflow-x-auto max-sm:overscroll-x-contain",
        className,
      )}
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            "h-7 shrink-0 rounded-[5px] px-2.5 text-xs font-medium whitespace-nowrap text-muted-foreground transition-colors outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50 max-sm:h-11 max-sm:min-w-11",
            value === o.value && "bg-muted text-foreground shadow-xs",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
  if (!captioned) return group;
  return (
    <div className={cn("space-y-1.5", scrolls && "max-sm:w-full max-sm:min-w-0")}>
      <span className="block text-xs font-medium text-muted-foreground">{label}</span>
      {group}
    </div>
  );
}
