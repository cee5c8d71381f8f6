import { Loader2 } from "@/components/ui/icons";
import type { ComponentProps, ReactNode } from "react";
import { Button } from "./button";

/**
 * A button for an action that takes a moment: disabled while it runs, its icon replaced by a
 * spinner (and its text by `pendingLabel`, when given) so the wait is visible where the
 * person clicked.
 */
export function PendingButton({
  pending,
  icon = null,
  pendingLabel,
  disabled,
  children,
  ...props
}: ComponentProps<typeof Button> & { pending: boolean; icon?: ReactNode; pendingLabel?: ReactNode }) {
  return (
    <Button disabled={pending || disabled} {...props}>
      {pending ? <Loader2 className="animate-spin" aria-hidden /> : icon}{" "}
      {pending && pendingLabel !== undefined ? pendingLabel : children}
    </Button>
  );
}
