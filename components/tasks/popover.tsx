"use client";

import { Popover as P } from "radix-ui";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A toolbar button opening a panel; Radix manages focus (Esc closes and returns focus to the button). */
export function ToolbarPopover({
  trigger,
  children,
  label,
  className,
  align = "start",
  open,
  onOpenChange,
}: {
  trigger: ReactNode;
  children: ReactNode;
  /** Accessible name of the panel. */
  label: string;
  className?: string;
  align?: ComponentProps<typeof P.Content>["align"];
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  return (
    <P.Root open={open} onOpenChange={onOpenChange}>
      <P.Trigger asChild>{trigger}</P.Trigger>
      <P.Portal>
        <P.Content
          role="dialog"
          aria-label={label}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          className={cn("z-50 w-64 rounded-lg border bg-card p-2 text-sm text-card-foreground shadow-lg outline-none", className)}
        >
          {children}
        </P.Content>
      </P.Portal>
    </P.Root>
  );
}
