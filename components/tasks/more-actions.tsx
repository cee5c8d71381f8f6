"use client";

import { MoreHorizontal } from "@/components/ui/icons";
import { type ComponentType, useState } from "react";
import { Button } from "@/components/ui/button";
import type { RowMenuProps } from "./row-menu";

// Radix DropdownMenu (menu, popper, floating-ui, focus scope, roving focus) is ~20 KB gzip,
// and a task row's "More actions" is rarely opened: until one is hovered, focused or
// pressed, each row shows this plain button; the menu's code then loads once for every row.
// A press before it is here opens the menu when it arrives; focus stays on the button.
let loaded: ComponentType<RowMenuProps> | null = null;
let pending: Promise<void> | null = null;
const load = () =>
  (pending ??= import("./row-menu").then(
    (m) => void (loaded = m.RowMenu),
    () => void (pending = null),
  ));

export function MoreActions(props: Omit<RowMenuProps, "defaultOpen" | "focusTrigger">) {
  const [Menu, setMenu] = useState<ComponentType<RowMenuProps> | null>(() => loaded);
  // What happened to the stand-in meanwhile: the menu takes it over when it arrives.
  const [pressed, setPressed] = useState(false);
  const [focused, setFocused] = useState(false);
  const fetchMenu = () => void load().then(() => setMenu(() => loaded));
  if (Menu) return <Menu {...props} defaultOpen={pressed} focusTrigger={focused} />;
  return (
    <Button
      variant="ghost"
      size="icon"
      className="size-8"
      aria-label={props.label}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={fetchMenu}
      onFocus={() => {
        setFocused(true);
        fetchMenu();
      }}
      onBlur={() => setFocused(false)}
      onClick={() => {
        setPressed(true);
        fetchMenu();
      }}
    >
      <MoreHorizontal aria-hidden />
    </Button>
  );
}
