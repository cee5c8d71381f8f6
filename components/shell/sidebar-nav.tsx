"use client";

import Link from "next/link";
import type { Role } from "@/lib/model/plain/roles";
import { cn } from "@/lib/utils";
import { useNavLinks } from "./use-nav-links";

export function SidebarNav({ role }: { role: Role }) {
  const links = useNavLinks(role);
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {links.map(({ key, href, label, Icon, active }) => (
        <Link
          key={key}
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
      ))}
    </nav>
  );
}
