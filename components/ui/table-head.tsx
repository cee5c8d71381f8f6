import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

export type HeaderCell = {
  /** What the column holds; with `srOnly`, said to screen readers only (an actions column). */
  label: ReactNode;
  /** Added to the table's shared cell classes: alignment, width, a different padding. */
  className?: string;
  srOnly?: boolean;
  sort?: "ascending" | "descending";
};

/**
 * A plain table's column headers from a list. Every hand-written table in the app (tokens,
 * members, audit log, contacts, variants, steps) spelled each `<th scope="col">` out with
 * the same classes; one list keeps the scope, sort state and hidden labels right in one place.
 */
export function TableHead({
  cells,
  className,
  rowClassName,
  cellClassName = "px-4 py-2.5 font-medium",
}: {
  /** A plain string is a cell with that label and nothing else. */
  cells: (HeaderCell | string)[];
  className?: string;
  rowClassName?: string;
  cellClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {cells.map((c, i) => {
          const cell = typeof c === "string" ? { label: c } : c;
          return (
            <th key={i} scope="col" aria-sort={cell.sort} className={cn(cellClassName, cell.className)}>
              {cell.srOnly ? <span className="sr-only">{cell.label}</span> : cell.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A body cell with the padding TableHead's cells use; `muted` for the secondary columns. */
export function Td({ muted, className, ...props }: ComponentProps<"td"> & { muted?: boolean }) {
  return <td className={cn("px-4 py-2.5", muted && "text-muted-foreground", className)} {...props} />;
}

/**
 * The head of a table of figures (the campaign pages' variant, step and vendor tables): a
 * flush-left column naming each row, then the figures' columns, right-aligned.
 */
export function FigureTableHead({ rowLabel, cells }: { rowLabel: string; cells: (HeaderCell | string)[] }) {
  return (
    <TableHead
      className="text-xs text-muted-foreground"
      rowClassName="border-b"
      cellClassName="px-2 py-2 text-right font-medium"
      cells={[{ label: rowLabel, className: "pl-0 pr-3 text-left" }, ...cells]}
    />
  );
}
