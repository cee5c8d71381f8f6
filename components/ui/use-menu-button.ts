"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * The WAI-ARIA menu-button pattern by hand, for the few small menus on every page (a menu
 * library costs each page ~10–35 KB gzip for two or three items): Enter, Space or ↓ opens
 * on the first item, ↑ on the last; arrows, Home and End move; Escape closes back to the
 * button; Tab or a click outside closes. `itemRole` is the items' role (menuitem,
 * menuitemcheckbox); disabled items are skipped.
 */
export function useMenuButton<T extends HTMLElement = HTMLButtonElement>(
  itemRole: "menuitem" | "menuitemcheckbox" = "menuitem",
) {
  const [open, setOpen] = useState(false);
  const focusOnOpen = useRef<"first" | "last">("first");
  const triggerRef = useRef<T>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const items = () =>
    Array.from(menuRef.current?.querySelectorAll<HTMLElement>(`[role="${itemRole}"]:not([disabled])`) ?? []);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
  };
  const openAt = (where: "first" | "last") => {
    focusOnOpen.current = where;
    setOpen(true);
  };

  useEffect(() => {
    if (!open) return;
    const list = items();
    (focusOnOpen.current === "last" ? list.at(-1) : list[0])?.focus();
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !triggerRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `items` reads the ref at call time
  }, [open]);

  const triggerProps = {
    ref: triggerRef,
    "aria-haspopup": "menu" as const,
    "aria-expanded": open,
    "aria-controls": open ? menuId : undefined,
    onClick: () => (open ? close(false) : openAt("first")),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        openAt(e.key === "ArrowUp" ? "last" : "first");
      }
    },
  };

  const menuProps = {
    ref: menuRef,
    id: menuId,
    role: "menu" as const,
    onKeyDown: (e: React.KeyboardEvent) => {
      const list = items();
      const at = list.indexOf(document.activeElement as HTMLElement);
      const move = (i: number) => list[(i + list.length) % list.length]?.focus();
      if (e.key === "ArrowDown") move(at + 1);
      else if (e.key === "ArrowUp") move(at - 1);
      else if (e.key === "Home") move(0);
      else if (e.key === "End") move(list.length - 1);
      else if (e.key === "Escape") close(true);
      else if (e.key === "Tab") return setOpen(false);
      else return;
      e.preventDefault();
    },
  };

  return { open, setOpen, close, triggerProps, menuProps };
}
