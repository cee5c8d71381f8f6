"use client";

import type { Table } from "@tanstack/react-table";
import { Check, Settings2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const menuItems = (menu: HTMLElement | null) => Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitemcheckbox"]') ?? []);

/**
 * The column visibility menu (shadcn "view options"), as the WAI-ARIA menu-button pattern by
 * hand like the user menu (components/auth/user-menu.tsx): Enter, Space or ↓ opens on the
 * first item, ↑ on the last; arrows, Home and End move; Enter or Space toggles a column and
 * keeps the menu open; Escape closes back to the button; Tab or a click outside closes.
 * A menu library would add ~10 KB gzip to the tasks page's first load for one checkbox list.
 */
export function ViewOptions<T>({ table }: { table: Table<T> }) {
  const columns = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.hideable);
  const [open, setOpen] = useState(false);
  const focusOnOpen = useRef<"first" | "last">("first");
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

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
    const list = menuItems(menuRef.current);
    (focusOnOpen.current === "last" ? list.at(-1) : list[0])?.focus();
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !triggerRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const onMenuKeyDown = (e: React.KeyboardEvent) => {
    const list = menuItems(menuRef.current);
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
  };

  return (
    <div className="relative">
      <Button
        ref={triggerRef}
        variant="secondary"
        size="sm"
        aria-label="Choose columns"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt("first"))}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            openAt(e.key === "ArrowUp" ? "last" : "first");
          }
        }}
      >
        <Settings2 aria-hidden />
        Columns
      </Button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Show columns"
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 top-full z-50 mt-1.5 w-44 rounded-lg border bg-card p-1 text-sm text-card-foreground shadow-lg"
        >
          <div aria-hidden className="px-2 py-1.5 text-xs font-medium text-muted-foreground">
            Show columns
          </div>
          {columns.map((c) => (
            <button
              key={c.id}
              type="button"
              role="menuitemcheckbox"
              aria-checked={c.getIsVisible()}
              tabIndex={-1}
              onClick={() => c.toggleVisibility(!c.getIsVisible())}
              className="flex w-full cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 text-left outline-none hover:bg-muted focus:bg-muted"
            >
              <span className="flex size-4 items-center justify-center">{c.getIsVisible() ? <Check className="size-3.5" aria-hidden /> : null}</span>
              {c.columnDef.meta?.label ?? c.id}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
