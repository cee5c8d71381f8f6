"use client";

import type { Role } from "@/lib/model/plain/roles";
import { MainNavLink } from "./main-nav-link";
import { useNavLinks } from "./use-nav-links";

export function SidebarNav({ role }: { role: Role }) {
  const links = useNavLinks(role);
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {links.map((l) => (
        <MainNavLink key={l.key} link={l} look="sidebar" />
      ))}
    </nav>
  );
}
