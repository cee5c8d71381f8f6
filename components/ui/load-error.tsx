import { AlertTriangle, RotateCcw, type LucideIcon } from "@/components/ui/icons";
import type { ReactNode } from "react";
import { Button } from "./button";
import { EmptyState } from "./empty-state";

/** A view whose data could not be loaded: what failed, the error's own words, and a way to try again. */
export function LoadError({
  title,
  error,
  onRetry,
  icon = AlertTriangle,
  children,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  icon?: LucideIcon;
  /** More ways out, beside "Try again". */
  children?: ReactNode;
}) {
  const retry = (
    <Button variant="secondary" onClick={onRetry}>
      <RotateCcw aria-hidden /> Try again
    </Button>
  );
  return (
    <EmptyState
      icon={icon}
      title={title}
      action={
        children ? (
          <div className="flex gap-2">
            {retry}
            {children}
          </div>
        ) : (
          retry
        )
      }
    >
      {error instanceof Error ? error.message : "Something went wrong."}
    </EmptyState>
  );
}
