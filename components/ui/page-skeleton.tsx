import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * A page's loading state (its `loading.tsx`): the title and description lines, then the
 * page's own skeleton. Announced as busy, with a label saying what is loading.
 */
export function PageSkeleton({
  label,
  title = "w-40",
  description = "w-96",
  action,
  back,
  children,
}: {
  label: string;
  /** Widths of the title and description lines, as the page's own heading would be. */
  title?: string;
  description?: string;
  /** Width of the header's action button, if the page has one. */
  action?: string;
  /** Width of the "back to the list" link above the title, on a detail page. */
  back?: string;
  children?: ReactNode;
}) {
  const header = (
    <div className="flex items-end justify-between gap-4">
      <div className="min-w-0 flex-1 space-y-2">
        <Skeleton className={`h-7 ${title}`} />
        <Skeleton className={`h-4 max-w-full ${description}`} />
      </div>
      {action ? <Skeleton className={`h-9 shrink-0 ${action}`} /> : null}
    </div>
  );
  return (
    <div className="space-y-6" aria-busy="true" aria-label={label}>
      {back ? (
        <div className="space-y-3">
          <Skeleton className={`h-4 ${back}`} />
          {header}
        </div>
      ) : (
        header
      )}
      {children}
    </div>
  );
}
