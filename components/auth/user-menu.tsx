"use client";

import { ChevronDown, LogOut, Settings, ShieldCheck, UserRound } from "@/components/ui/icons";
import Link from "next/link";
import { useState } from "react";
import { settingsHomeFor } from "@/components/shell/nav-items";
import { useMenuButton } from "@/components/ui/use-menu-button";
import { ROLE_LABELS, type Role } from "@/lib/model/plain/roles";

const item =
  "flex w-full cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm outline-none hover:bg-muted focus-visible:bg-muted focus:bg-muted disabled:opacity-50 [&_svg]:size-4 [&_svg]:text-muted-foreground";

/**
 * The signed-in user, with Settings and Sign out (a hand-written menu button, see
 * useMenuButton: it sits on every page, where a menu library would cost ~35 KB gzip).
 */
export function UserMenu({ email, name, role }: { email: string; name?: string | null; role: Role }) {
  const [pending, setPending] = useState(false);
  const { open, setOpen, triggerProps, menuProps } = useMenuButton();

  const signOut = async () => {
    setPending(true);
    await fetch("/api/v1/session", { method: "DELETE", credentials: "same-origin" }).catch(() => null);
    // A full load that replaces this entry: nothing of the signed-in pages stays in the client cache or history.
    window.location.replace(new URL("/sign-in", window.location.href));
  };

  return (
    <div className="relative">
      <button
        {...triggerProps}
        type="button"
        className="inline-flex max-w-64 items-center gap-2 rounded-md px-2 py-1 text-sm text-muted-foreground hover:bg-muted hover:text-foreground aria-expanded:bg-muted max-sm:min-h-11"
        aria-label={`Account: ${email}`}
      >
        <span
          aria-hidden
          className="flex size-6 shrink-0 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold text-primary uppercase"
        >
          {(name || email)[0]}
        </span>
        <span className="hidden truncate lg:inline">{name || email}</span>
        <ChevronDown className="size-3.5 shrink-0" aria-hidden />
      </button>
      {open ? (
        <div
          {...menuProps}
          aria-label={`Account: ${email}`}
          className="absolute top-full right-0 z-50 mt-1.5 min-w-56 rounded-lg border bg-card p-1 text-card-foreground shadow-lg"
        >
          <div className="px-2 py-1.5 text-xs text-muted-foreground">
            Signed in as <span className="block truncate font-medium text-foreground">{name || email}</span>
            {name ? <span className="block truncate">{email}</span> : null}
            <span className="mt-1 inline-block rounded bg-muted px-1.5 py-0.5 font-medium">{ROLE_LABELS[role]}</span>
          </div>
          <div role="separator" className="my-1 h-px bg-border" />
          <Link href="/settings/profile" role="menuitem" tabIndex={-1} className={item} onClick={() => setOpen(false)}>
            <UserRound aria-hidden /> Profile
          </Link>
          <Link href="/settings/security" role="menuitem" tabIndex={-1} className={item} onClick={() => setOpen(false)}>
            <ShieldCheck aria-hidden /> Security
          </Link>
          <Link
            href={settingsHomeFor(role)}
            role="menuitem"
            tabIndex={-1}
            className={item}
            onClick={() => setOpen(false)}
          >
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
