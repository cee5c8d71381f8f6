"use client";

import Link from "next/link";
import { cn } from "@/lib/utils";
import type { useNavLinks } from "./use-nav-links";

type NavLink = ReturnType<typeof useNavLinks>[number];

// The two places the main navigation is drawn: a sidebar row, and a bottom-bar target at
// least 44 px tall (phones). Everything else about a link is the same.
const LOOKS = {
  sidebar: {
    link: "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground",
    active: "bg-card text-foreground shadow-xs ring-1 ring-border",
    icon: "size-4",
  },
  bottom: {
    link: "flex min-h-14 flex-col items-center justify-center gap-0.5 text-[0.7rem] font-medium text-muted-foreground",
    active: "text-primary",
    icon: "size-5",
  },
};

/** One main-navigation link: icon and label, marked as the current page where it is. */
export function MainNavLink({ link, look }: { link: NavLink; look: keyof typeof LOOKS }) {
  const { href, label, Icon, active } = link;
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(LOOKS[look].link, active && LOOKS[look].active)}
    >
      <Icon className={LOOKS[look].icon} aria-hidden />
      {label}
    </Link>
  );
}
