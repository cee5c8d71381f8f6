"use client";

import { useState, type ReactNode } from "react";
import { LazyPopover } from "@/components/ui/lazy-popover";
import type { PopoverPanelProps } from "@/components/ui/popover-panel";
import { cn } from "@/lib/utils";

/**
 * A filter popover: a toolbar button that opens a panel, focus managed by Radix, loaded on
 * first use (Esc closes, focus returns). Every page's toolbar uses this one. A panel that
 * closes itself once a choice is made (a campaign, a date range, a zone) is given as a
 * function of `close`.
 */
export function FilterPopover({
  trigger,
  children,
  className,
  align = "start",
  open,
  onOpenChange,
  load,
  label,
}: {
  trigger: ReactNode;
  children: ReactNode | ((close: () => void) => ReactNode);
  className?: string;
  align?: PopoverPanelProps["align"];
  open?: boolean;
  onOpenChange?(open: boolean): void;
  /** Accessible name of the panel. */
  label: string;
  /** The contents' module loader (lazyContent): fetched on first intent, the panel opens once it is here. */
  load?: () => Promise<unknown>;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const closes = typeof children === "function";
  return (
    <LazyPopover
      trigger={trigger}
      open={closes ? ownOpen : open}
      onOpenChange={closes ? setOwnOpen : onOpenChange}
      load={load}
      aria-label={label}
      align={align}
      sideOffset={6}
      role="dialog"
      collisionPadding={8}
      className={cn("w-72", className)}
    >
      {closes ? children(() => setOwnOpen(false)) : children}
    </LazyPopover>
  );
}

/** A checkbox row with a count on the right, for facet lists. */
export function FacetOption({
  label,
  count,
  checked,
  indeterminate,
  onChange,
  icon,
  className,
}: {
  label: ReactNode;
  count?: number;
  checked: boolean;
  indeterminate?: boolean;
  onChange(checked: boolean): void;
  icon?: ReactNode;
  className?: string;
}) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
        className,
      )}
    >
      <input
        type="checkbox"
        className="size-4 shrink-0 accent-[var(--primary)] outline-none"
        checked={checked}
        ref={(el) => {
          if (el) el.indeterminate = !!indeterminate && !checked;
        }}
        onChange={(e) => onChange(e.target.checked)}
      />
      {icon}
      <span className="min-w-0 flex-1 truncate">{label}</span>
      {count !== undefined ? (
        <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{count.toLocaleString("en-GB")}</span>
      ) : null}
    </label>
  );
}
