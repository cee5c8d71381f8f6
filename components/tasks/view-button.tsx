"use client";

import { cn } from "@/lib/utils";

/** One button of a segmented switch (whose tasks, layout); `onIntent` lets a view start loading on hover or focus. */
export function ViewButton({
  active,
  onClick,
  onIntent,
  icon,
  label,
}: {
  active: boolean;
  onClick: () => void;
  onIntent?: () => void;
  icon: React.ReactNode;
  label: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      onPointerEnter={onIntent}
      onFocus={onIntent}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded px-2.5 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground [&_svg]:size-4",
        active && "bg-muted text-foreground",
      )}
    >
      {icon}
      {label}
    </button>
  );
}
