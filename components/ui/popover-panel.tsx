"use client";

import { Popover as P } from "radix-ui";
import { useRef, type ComponentProps, type ReactNode, type RefObject } from "react";
import { cn } from "@/lib/utils";

export type PopoverPanelProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that toggles the panel: Radix anchors the panel to it and returns focus to it. */
  anchor: RefObject<HTMLElement | null>;
  id: string;
  children: ReactNode;
  className?: string;
} & Pick<ComponentProps<typeof P.Content>, "align" | "sideOffset" | "collisionPadding" | "role" | "aria-label">;

/**
 * The Radix half of LazyPopover (./lazy-popover), loaded on first open. The trigger is
 * LazyPopover's own button, so this does by hand what Popover.Trigger would: anchor the
 * panel, leave a press on the button to the button, and return focus to it on close unless
 * the user clicked elsewhere.
 */
export function PopoverPanel({ open, onOpenChange, anchor, id, children, className, ...content }: PopoverPanelProps) {
  const interactedOutside = useRef(false);
  return (
    <P.Root open={open} onOpenChange={onOpenChange}>
      <P.Anchor virtualRef={anchor} />
      <P.Portal>
        <P.Content
          id={id}
          {...content}
          className={cn(
            "z-50 rounded-lg border bg-card p-2 text-sm text-card-foreground shadow-lg outline-none",
            className,
          )}
          onInteractOutside={(e) => {
            if (anchor.current?.contains(e.target as Node)) e.preventDefault();
            else interactedOutside.current = true;
          }}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            if (!interactedOutside.current) anchor.current?.focus();
            interactedOutside.current = false;
          }}
        >
          {children}
        </P.Content>
      </P.Portal>
    </P.Root>
  );
}
