"use client";

import dynamic from "next/dynamic";
import { Slot } from "radix-ui";
import { useId, useRef, useState, type ReactNode } from "react";
import type { PopoverPanelProps } from "./popover-panel";

// Radix Popover (Popper, floating-ui, focus scope, dismissable layer) is ~20 KB gzip: it
// loads when a trigger is hovered, focused or pressed, not with the page.
const loadPanel = () => import("./popover-panel");
const PopoverPanel = dynamic(() => import("./popover-panel").then((m) => m.PopoverPanel));

/**
 * A button that opens a panel. The button renders at once; the panel (Radix Popover: Esc and
 * outside clicks close it, focus returns to the button) is fetched on first intent. `trigger`
 * is the button element; it gets aria-expanded, aria-haspopup and the toggle.
 */
export function LazyPopover({
  trigger,
  children,
  open: openProp,
  onOpenChange,
  ...panel
}: {
  trigger: ReactNode;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
} & Omit<PopoverPanelProps, "open" | "onOpenChange" | "anchor" | "id" | "children">) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = openProp ?? ownOpen;
  const setOpen = (o: boolean) => {
    if (openProp === undefined) setOwnOpen(o);
    onOpenChange?.(o);
  };
  // Mounted from the first open on, so Radix sees the close and returns focus.
  const [used, setUsed] = useState(false);
  if (open && !used) setUsed(true);
  const anchor = useRef<HTMLElement>(null);
  const id = useId();
  const prefetch = () => void loadPanel();
  return (
    <>
      <Slot.Root
        ref={anchor}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-state={open ? "open" : "closed"}
        onClick={() => setOpen(!open)}
        onPointerEnter={prefetch}
        onFocus={prefetch}
      >
        {trigger}
      </Slot.Root>
      {used ? (
        <PopoverPanel {...panel} open={open} onOpenChange={setOpen} anchor={anchor} id={id}>
          {children}
        </PopoverPanel>
      ) : null}
    </>
  );
}
