"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type RefObject } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { settingsKeys } from "@/components/connections/queries";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
    <ConfirmDialog
      onOpenChange={(o) => {
        if (!o) {
          setError(null);
          onClose();
        }
      }}
      onCloseAutoFocus={focusOnClose(opener)}
      title={<>Revoke “{token.name}”?</>}
      description={
        <p>
          Scripts using this token get 401 from now on. This cannot be undone; create a new token if you need one again.
        </p>
      }
      error={error}
      pending={revoke.isPending}
      confirmLabel="Revoke token"
      onConfirm={() => revoke.mutate(token.id)}
    />
  );
}
