"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useState, type RefObject } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { settingsKeys } from "@/components/connections/queries";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "@/components/ui/dialog";
import { apiFetch } from "@/lib/client/api";
import type { ApiToken } from "@/lib/model/auth";
import { focusOnClose } from "@/components/ui/focus-on-close";

/** Revoke a token, after a confirmation. Loaded on demand by TokensPanel; mounted while open. */
export function RevokeDialog({
  token,
  onClose,
  opener,
}: {
  token: ApiToken;
  onClose: () => void;
  opener: RefObject<HTMLButtonElement | null>;
}) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: settingsKeys.tokens });
      void qc.invalidateQueries({ queryKey: ["audit"] });
      onClose();
    },
    onError: (err) => setError(problemMessage(err)),
  });
  return (
    <AlertDialog
      open
      onOpenChange={(o) => {
        if (!o && !revoke.isPending) {
          setError(null);
          onClose();
        }
      }}
    >
      <AlertDialogContent onCloseAutoFocus={focusOnClose(opener)}>
        <div className="space-y-2">
          <AlertDialogTitle>Revoke “{token.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Scripts using this token get 401 from now on. This cannot be undone; create a new token if you need one
            again.
          </AlertDialogDescription>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel disabled={revoke.isPending}>Cancel</AlertDialogCancel>
          <AlertDialogConfirm onClick={() => revoke.mutate(token.id)} disabled={revoke.isPending}>
            {revoke.isPending ? <Loader2 className="animate-spin" aria-hidden /> : null} Revoke token
          </AlertDialogConfirm>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
