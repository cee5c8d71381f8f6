"use client";

import Link from "next/link";
import type { Role } from "@/lib/model/plain/roles";
import { cn } from "@/lib/utils";
import { useNavLinks } from "./use-nav-links";

/**
 * Navigation on phones and narrow windows, where the sidebar is hidden: a bar fixed to the
 * bottom of the screen (in thumb's reach), every target at least 44 px tall. Same items
 * and rules as the sidebar.
 */
export function BottomNav({ role }: { role: Role }) {
  const links = useNavLinks(role);
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-30 border-t bg-background/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
    >
      <ul className="grid grid-cols-5">
        {links.map(({ key, href, label, Icon, active }) => (
          <li key={key}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex min-h-14 flex-col items-center justify-center gap-0.5 text-[0.7rem] font-medium text-muted-foreground",
                active && "text-primary",
              )}
            >
              <Icon className="size-5" aria-hidden />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
