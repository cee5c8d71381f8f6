import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/**
 * A table (or anything wider than a phone) that scrolls sideways in a named region a keyboard
 * can reach: focusable so arrow keys scroll it, labelled so a screen reader says what it is.
 * `relative` keeps sr-only text inside the scroller, where it cannot widen the page.
 */
export function ScrollRegion({ label, className, ...props }: ComponentProps<"div"> & { label: string }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cn(
        "relative overflow-x-auto rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
        className,
      )}
      {...props}
    />
  );
}
