"use client";

import { usePathname } from "next/navigation";
import { roleAtLeast, type Role } from "@/lib/model/plain/roles";
import { NAV_ITEMS, settingsHomeFor } from "./nav-items";

/** The main navigation's links for this role and page, shared by the sidebar and the phone's bottom bar. */
export function useNavLinks(role: Role) {
  const pathname = usePathname();
  return NAV_ITEMS.map(({ href: section, label, icon }) => ({
    key: section,
    label,
    Icon: icon,
    active: section === "/" ? pathname === "/" : pathname === section || pathname.startsWith(`${section}/`),
    // Settings opens on what the role can use (connections are for admins).
    href: section === "/settings" && !roleAtLeast(role, "admin") ? settingsHomeFor(role) : section,
  }));
}
