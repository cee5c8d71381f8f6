"use client";

import type { ComponentProps, ReactNode } from "react";
import { Button } from "./button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "./dialog";

/**
 * A dialog with its title and description above whatever it holds (usually a form). The
 * connection, history and conflict dialogs each assembled the same Radix parts by hand.
 * While `busy` (its action runs) it cannot be closed: onOpenChange is not called.
 */
export function DialogShell({
  open,
  onOpenChange,
  busy = false,
  title,
  description,
  children,
  ...contentProps
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  busy?: boolean;
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
} & Pick<ComponentProps<typeof DialogContent>, "onOpenAutoFocus" | "onCloseAutoFocus">) {
  return (
    <Dialog open={open} onOpenChange={(o) => (busy ? undefined : onOpenChange(o))}>
      <DialogContent {...contentProps}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** A dialog form's buttons: Cancel, which closes without saving, then the submit button (the children). */
export function DialogFormFooter({
  onCancel,
  cancelDisabled,
  children,
}: {
  onCancel: () => void;
  cancelDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <DialogFooter>
      <Button type="button" variant="secondary" onClick={onCancel} disabled={cancelDisabled}>
        Cancel
      </Button>
      {children}
    </DialogFooter>
  );
}
