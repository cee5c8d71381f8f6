"use client";

import dynamic from "next/dynamic";
import { Slot } from "radix-ui";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
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
  load,
  ...panel
}: {
  trigger: ReactNode;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Fetches the contents' module (see ./lazy-content); the panel waits for it. */
  load?: () => Promise<unknown>;
} & Omit<PopoverPanelProps, "open" | "onOpenChange" | "anchor" | "id" | "children">) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = openProp ?? ownOpen;
  const setOpen = (o: boolean) => {
    if (openProp === undefined) setOwnOpen(o);
    onOpenChange?.(o);
  };
  // The contents' module, if any, is fetched on first intent; the panel mounts once it is here.
  const [ready, setReady] = useState(!load);
  // Mounted from the first open on, so Radix sees the close and returns focus.
  const [used, setUsed] = useState(false);
  if (open && ready && !used) setUsed(true);
  const anchor = useRef<HTMLElement>(null);
  const id = useId();
  const prefetch = () => {
    void loadPanel();
    if (load && !ready)
      load().then(
        () => setReady(true),
        () => undefined,
      );
  };
  // Opened from elsewhere (a "Custom" choice that opens the range panel): fetch what it needs.
  useEffect(() => {
    if (open && !ready) prefetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- prefetch is re-created each render; `open` is the trigger.
  }, [open]);
  return (
    <>
      <Slot.Root
        ref={anchor}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-state={open ? "open" : "closed"}
        onClick={() => {
          prefetch();
          setOpen(!open);
        }}
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
