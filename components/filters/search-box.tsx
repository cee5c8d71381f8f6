"use client";

import { Search } from "@/components/ui/icons";
import { useRef } from "react";
import { Input } from "@/components/ui/input";
import { Kbd } from "@/components/ui/kbd";
import { cn } from "@/lib/utils";
import { useSlashToFocus } from "./keyboard";

/**
 * The kit's search box, one look on every list page: a magnifier, the text, and (where "/"
 * jumps to it) the "/" hint while it is empty. It only shows and reports text: when the text
 * reaches the URL is the caller's (useDebouncedSearch, or at once where the list filters in
 * the browser). The keys differ by page, so they are props: `escape` clears the text (and,
 * with "clear-then-blur", a second Escape leaves the box); `onEnter` commits without waiting.
 */
export function SearchBox({
  label,
  placeholder,
  value,
  onValueChange,
  slashToFocus = false,
  escape,
  onEnter,
  className,
  inputClassName,
}: {
  /** The accessible name (e2e tests find the box by it). */
  label: string;
  placeholder: string;
  value: string;
  onValueChange: (text: string) => void;
  slashToFocus?: boolean;
  escape?: "clear" | "clear-then-blur";
  onEnter?: () => void;
  /** The wrapper's classes: its width in the row. */
  className?: string;
  inputClassName?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useSlashToFocus(ref, slashToFocus);
  return (
    <div className={cn("relative w-full", className)}>
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        ref={ref}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onEnter?.();
          if (e.key !== "Escape" || !escape) return;
          if (value) onValueChange("");
          else if (escape === "clear-then-blur") e.currentTarget.blur();
        }}
        className={cn("h-8 pl-8", slashToFocus ? "pr-2 sm:pr-8" : "pr-2", inputClassName)}
      />
      {/* A phone has no "/" key to press: the hint shows from `sm` up. */}
      {slashToFocus && !value ? (
        <Kbd className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 sm:inline-flex">/</Kbd>
      ) : null}
    </div>
  );
}
