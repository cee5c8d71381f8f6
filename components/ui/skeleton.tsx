import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}

/**
 * A row or grid of placeholder blocks (a toolbar's boxes, a page's cards), one per entry of
 * `items` (each a block's classes), or `count` blocks alike.
 */
export function SkeletonGroup({
  className,
  items,
  count = 1,
  item = "",
}: {
  className: string;
  items?: readonly string[];
  count?: number;
  item?: string;
}) {
  return (
    <div className={className}>
      {(items ?? Array.from({ length: count }, () => item)).map((c, i) => (
        <Skeleton key={i} className={c} />
      ))}
    </div>
  );
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
