import type { LucideIcon } from "@/components/ui/icons";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A card's one quiet line where its list would be (nothing to show, or all is well), led by an icon. */
export function QuietNote({
  icon: Icon,
  iconClassName,
  className,
  children,
}: {
  icon: LucideIcon;
  iconClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <p className={cn("flex items-center gap-2 text-sm text-muted-foreground", className)}>
      <Icon className={cn("size-4", iconClassName)} aria-hidden />
      {children}
    </p>
  );
}
