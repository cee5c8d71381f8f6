"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { roleAtLeast, type Role } from "@/lib/model/plain/roles";
import { cn } from "@/lib/utils";

const TABS: { href: string; label: string; least: Role }[] = [
  { href: "/settings", label: "Connections", least: "admin" },
  { href: "/settings/team", label: "Team", least: "admin" },
  { href: "/settings/profile", label: "Profile", least: "viewer" },
  { href: "/settings/security", label: "Security", least: "viewer" },
  { href: "/settings/tokens", label: "API tokens", least: "viewer" },
  { href: "/settings/audit", label: "Audit log", least: "admin" },
];

/** The settings sections the role can use, as links (each is a page of its own, so it can be shared and bookmarked). */
export function SettingsNav({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.filter((t) => roleAtLeast(role, t.least)).map((t) => {
          const active = pathname === t.href;
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors",
                  active
                    ? "border-primary text-foreground"
                    : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
