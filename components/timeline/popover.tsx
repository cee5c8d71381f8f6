"use client";

import { Popover as P } from "radix-ui";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A filter popover: a toolbar button that opens a panel, focus managed by Radix (Esc closes, focus returns). */
export function FilterPopover({
  trigger,
  children,
  className,
  align = "start",
  open,
  onOpenChange,
  label,
}: {
  trigger: ReactNode;
  children: ReactNode;
  className?: string;
  align?: ComponentProps<typeof P.Content>["align"];
  open?: boolean;
  onOpenChange?(open: boolean): void;
  /** Accessible name of the panel. */
  label: string;
}) {
  return (
    <P.Root open={open} onOpenChange={onOpenChange}>
      <P.Trigger asChild>{trigger}</P.Trigger>
      <P.Portal>
        <P.Content
          align={align}
          sideOffset={6}
          aria-label={label}
          className={cn(
            "z-50 w-72 rounded-lg border bg-card p-2 text-sm text-card-foreground shadow-lg outline-none",
            className,
          )}
        >
          {children}
        </P.Content>
      </P.Portal>
    </P.Root>
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
    <label className={cn("flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring", className)}>
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
      {count !== undefined ? <span className="shrink-0 text-xs tabular-nums text-muted-foreground">{count.toLocaleString("en-GB")}</span> : null}
    </label>
  );
}
