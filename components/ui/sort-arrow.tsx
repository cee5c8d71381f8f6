import { ArrowDown, ArrowUp, ArrowUpDown } from "@/components/ui/icons";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A sortable column's direction, as TanStack Table reports it (false: not the sort column). */
type SortDir = false | "asc" | "desc";

/** The header's aria-sort for a direction; none while the column is not the sort. */
export const ariaSort = (dir: SortDir) => (dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined);

/** The arrow beside a sortable header: the direction, or a faint two-way arrow while unsorted. */
export function SortArrow({ dir }: { dir: SortDir }) {
  const Icon = dir === "asc" ? ArrowUp : dir === "desc" ? ArrowDown : ArrowUpDown;
  return <Icon className={cn("size-3.5", !dir && "opacity-50")} aria-hidden />;
}

/** A sortable header's button: its label, then the arrow; a click toggles the column's sort. */
export function SortButton({
  sorted,
  className,
  children,
  ...props
}: { sorted: SortDir } & Omit<ComponentProps<"button">, "type">) {
  return (
    <button type="button" className={cn("inline-flex items-center gap-1", className)} {...props}>
      {children}
      <SortArrow dir={sorted} />
    </button>
  );
}
