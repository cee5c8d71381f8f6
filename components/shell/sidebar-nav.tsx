"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { roleAtLeast, type Role } from "@/lib/model/plain/roles";
import { cn } from "@/lib/utils";
import { NAV_ITEMS, settingsHomeFor } from "./nav-items";

export function SidebarNav({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {NAV_ITEMS.map(({ href: section, label, icon: Icon }) => {
        const active = section === "/" ? pathname === "/" : pathname === section || pathname.startsWith(`${section}/`);
        // Settings opens on what the role can use (connections are for admins).
        const href = section === "/settings" && !roleAtLeast(role, "admin") ? settingsHomeFor(role) : section;
        return (
          <Link
            key={section}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground",
              active && "bg-card text-foreground shadow-xs ring-1 ring-border",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
