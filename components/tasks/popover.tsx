"use client";

import type { ReactNode } from "react";
import { LazyPopover } from "@/components/ui/lazy-popover";
import type { PopoverPanelProps } from "@/components/ui/popover-panel";
import { cn } from "@/lib/utils";

/** A toolbar button opening a panel; Radix (loaded on first use) manages focus: Esc closes and returns focus to the button. */
export function ToolbarPopover({
  trigger,
  children,
  label,
  className,
  align = "start",
  open,
  onOpenChange,
  load,
}: {
  trigger: ReactNode;
  children: ReactNode;
  /** Accessible name of the panel. */
  label: string;
  className?: string;
  align?: PopoverPanelProps["align"];
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The contents' module loader (lazyContent): fetched on first intent, the panel opens once it is here. */
  load?: () => Promise<unknown>;
}) {
  return (
    <LazyPopover
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      load={load}
      role="dialog"
      aria-label={label}
      align={align}
      sideOffset={6}
      collisionPadding={8}
      className={cn("w-64", className)}
    >
      {children}
    </LazyPopover>
  );
}
