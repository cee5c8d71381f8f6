"use client";

import { cn } from "@/lib/utils";

/**
 * A small set of mutually exclusive choices as buttons (aria-pressed), e.g. Day | Week. With
 * `captioned`, its name is also written above it (a control among the page's filters).
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
  const group = (
    <div
      role="group"
      aria-label={label}
      className={cn("inline-flex max-w-full flex-wrap rounded-md border bg-card p-0.5 shadow-xs", className)}
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            "h-7 rounded-[5px] px-2.5 text-xs font-medium whitespace-nowrap text-muted-foreground transition-colors outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50 max-sm:h-11 max-sm:min-w-11",
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
    <div className="space-y-1.5">
      <span className="block text-xs font-medium text-muted-foreground">{label}</span>
      {group}
    </div>
  );
}
