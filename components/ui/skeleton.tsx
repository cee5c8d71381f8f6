import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}

/** A table's shape while it loads: a header band, then `rows` rows of cells at the real table's widths. */
export function SkeletonTable({ rows, rowClassName, cells }: { rows: number; rowClassName: string; cells: string[] }) {
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-xs" aria-hidden>
      <div className="h-10 border-b bg-muted/40" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={cn("flex items-center gap-6 border-b last:border-0", rowClassName)}>
          {cells.map((c, j) => (
            <Skeleton key={j} className={c} />
          ))}
        </div>
      ))}
    </div>
  );
}
