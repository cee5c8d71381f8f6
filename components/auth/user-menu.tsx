"use client";

import { ChevronDown, LogOut, Settings } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";

const item =
  "flex w-full cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm outline-none hover:bg-muted focus-visible:bg-muted focus:bg-muted disabled:opacity-50 [&_svg]:size-4 [&_svg]:text-muted-foreground";

const menuItems = (menu: HTMLElement | null) => Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);

/**
 * The signed-in user, with Settings and Sign out: the WAI-ARIA menu-button pattern by hand
 * (Enter, Space or ↓ opens on the first item, ↑ on the last; arrows, Home and End move;
 * Escape closes back to the button; Tab or a click outside closes). It sits on every page,
 * and a menu library with its positioning, focus-trap and scroll-lock layers costs every
 * page ~35 KB gzip of JavaScript for two items.
 */
export function UserMenu({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const focusOnOpen = useRef<"first" | "last">("first");
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
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

  const openAt = (where: "first" | "last") => {
    focusOnOpen.current = where;
    setOpen(true);
  };

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

  const signOut = async () => {
    setPending(true);
    await fetch("/api/v1/session", { method: "DELETE", credentials: "same-origin" }).catch(() => null);
    // A full load that replaces this entry: nothing of the signed-in pages stays in the client cache or history.
    window.location.replace(new URL("/sign-in", window.location.href));
  };

  return (
    <div className="relative">
      <button
        ref={triggerRef}
        type="button"
        className="inline-flex max-w-64 items-center gap-2 rounded-md px-2 py-1 text-sm text-muted-foreground hover:bg-muted hover:text-foreground aria-expanded:bg-muted"
        aria-label={`Account: ${email}`}
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
        <span aria-hidden className="flex size-6 shrink-0 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold uppercase text-primary">
          {email[0]}
        </span>
        <span className="hidden truncate lg:inline">{email}</span>
        <ChevronDown className="size-3.5 shrink-0" aria-hidden />
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={`Account: ${email}`}
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 top-full z-50 mt-1.5 min-w-56 rounded-lg border bg-card p-1 text-card-foreground shadow-lg"
        >
          <div className="px-2 py-1.5 text-xs text-muted-foreground">
            Signed in as <span className="block truncate font-medium text-foreground">{email}</span>
          </div>
          <div role="separator" className="my-1 h-px bg-border" />
          <Link href="/settings" role="menuitem" tabIndex={-1} className={item} onClick={() => setOpen(false)}>
            <Settings aria-hidden /> Settings
          </Link>
          <button type="button" role="menuitem" tabIndex={-1} className={item} disabled={pending} onClick={signOut}>
            <LogOut aria-hidden /> Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
