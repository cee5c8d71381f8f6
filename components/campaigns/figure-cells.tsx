import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Rate } from "./rate";

// The body cells of the campaign page's figure tables (by step, by variant, the vendor's own
// figures): a row's name on the left, then right-aligned figures.

/** A body row: its name (the row's header cell), then its figures. */
export function FigureRow({
  name,
  nameClassName,
  className = "border-b last:border-0",
  children,
}: {
  name: ReactNode;
  nameClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <tr className={className}>
      <th scope="row" className={cn("py-2 pr-3 text-left font-medium", nameClassName)}>
        {name}
      </th>
      {children}
    </tr>
  );
}

/** A figure, its digits lined up with the rows above and below. */
export function FigureCell({ children }: { children: ReactNode }) {
  return <td className="px-2 py-2 text-right tabular-nums">{children}</td>;
}

/** A rate with its hover help (the Rate itself lines up its digits). */
export function RateCell(props: ComponentProps<typeof Rate>) {
  return (
    <td className="px-2 py-2 text-right">
      <Rate {...props} />
    </td>
  );
}
