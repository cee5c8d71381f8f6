import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * A settings section's heading and the sentence under it. The id is the one the section's
 * `aria-labelledby` names, so the heading gives the region its accessible name.
 */
export function SectionHeading({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: ReactNode;
  children?: ReactNode;
  /** For the description: its measure (max-w-…). */
  className?: string;
}) {
  return (
    <div className="space-y-1">
      <h2 id={id} className="text-lg font-semibold tracking-tight">
        {title}
      </h2>
      {children ? <p className={cn("text-sm text-muted-foreground", className)}>{children}</p> : null}
    </div>
  );
}
