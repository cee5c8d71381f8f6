"use client";

import { ChevronDown, LogOut, Settings } from "lucide-react";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useState } from "react";

const item =
  "flex cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted data-[disabled]:opacity-50 [&_svg]:size-4 [&_svg]:text-muted-foreground";

/** The signed-in user, with Settings and Sign out. */
export function UserMenu({ email }: { email: string }) {
  const [pending, setPending] = useState(false);
  const signOut = async () => {
    setPending(true);
    await fetch("/api/v1/session", { method: "DELETE", credentials: "same-origin" }).catch(() => null);
    // A full load that replaces this entry: nothing of the signed-in pages stays in the client cache or history.
    window.location.replace(new URL("/sign-in", window.location.href));
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="inline-flex max-w-64 items-center gap-2 rounded-md px-2 py-1 text-sm text-muted-foreground hover:bg-muted hover:text-foreground data-[state=open]:bg-muted"
        aria-label={`Account: ${email}`}
      >
        <span aria-hidden className="flex size-6 shrink-0 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold uppercase text-primary">
          {email[0]}
        </span>
        <span className="hidden truncate lg:inline">{email}</span>
        <ChevronDown className="size-3.5 shrink-0" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-lg border bg-card p-1 text-card-foreground shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-muted-foreground">
            Signed in as <span className="block truncate font-medium text-foreground">{email}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={item}>
            <Link href="/settings">
              <Settings aria-hidden /> Settings
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} disabled={pending} onSelect={signOut}>
            <LogOut aria-hidden /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
