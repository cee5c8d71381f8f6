import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

// The one-line outcomes of a form or an action. Each renders nothing while it has nothing to
// say, so a caller passes its error or notice state as it is.

/** A short error next to what failed; announced at once. */
export function ErrorText({ children, className }: { children: ReactNode; className?: string }) {
  return children ? (
    <p role="alert" className={cn("text-sm text-destructive", className)}>
      {children}
    </p>
  ) : null;
}

/** A form's or a panel's own error (not one field's), in a tinted box; announced at once. */
export function ErrorAlert({ children, id }: { children: ReactNode; id?: string }) {
  return children ? (
    <p
      id={id}
      role="alert"
      className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive"
    >
      {children}
    </p>
  ) : null;
}

/** That something worked; read out politely. */
export function StatusText({ children }: { children: ReactNode }) {
  return children ? (
    <p role="status" className="text-sm text-success">
      {children}
    </p>
  ) : null;
}
