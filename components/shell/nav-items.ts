import { ChartNoAxesCombined, Gauge, ListChecks, Settings, Users } from "@/components/ui/icons";

export const NAV_ITEMS = [
  { href: "/", label: "Overview", icon: Gauge },
  { href: "/contacts", label: "Contacts", icon: Users },
  { href: "/tasks", label: "Tasks", icon: ListChecks },
  { href: "/campaigns", label: "Campaigns", icon: ChartNoAxesCombined },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;

/** Where Settings opens for a role: connections for admins, your profile for everyone else. */
export const settingsHomeFor = (role: string) =>
  role === "owner" || role === "admin" ? "/settings" : "/settings/profile";
