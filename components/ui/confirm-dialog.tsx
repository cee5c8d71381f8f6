"use client";

import { Loader2 } from "@/components/ui/icons";
import type { ComponentProps, ReactNode } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "./dialog";
import { ErrorText } from "./form-message";

/**
 * Confirm a destructive action (revoke a token, remove a connection): a question, what it
 * does, the action's error if it failed, Cancel and the confirming button. While the action
 * runs (`pending`) the dialog cannot be closed: onOpenChange is not called.
 */
export function ConfirmDialog({
  open = true,
  onOpenChange,
  onCloseAutoFocus,
  title,
  description,
  error,
  pending,
  confirmLabel,
  onConfirm,
}: {
  open?: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: ComponentProps<typeof AlertDialogContent>["onCloseAutoFocus"];
  title: ReactNode;
  /** One or more paragraphs (`<p>`). */
  description: ReactNode;
  error: string | null;
  pending: boolean;
  confirmLabel: ReactNode;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog open={open} onOpenChange={(o) => (pending ? undefined : onOpenChange(o))}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <div className="space-y-2">
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="space-y-2">{description}</div>
          </AlertDialogDescription>
        </div>
        <ErrorText>{error}</ErrorText>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogConfirm onClick={onConfirm} disabled={pending}>
            {pending ? <Loader2 className="animate-spin" aria-hidden /> : null} {confirmLabel}
          </AlertDialogConfirm>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
