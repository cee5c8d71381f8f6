"use client";

import type { Role } from "@/lib/model/plain/roles";
import { MainNavLink } from "./main-nav-link";
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
        {links.map((l) => (
          <li key={l.key}>
            <MainNavLink link={l} look="bottom" />
          </li>
        ))}
      </ul>
    </nav>
  );
}
