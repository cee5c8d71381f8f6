"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useEffect, useRef, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/client/api";
import type { Connection } from "@/lib/model/connection";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { ApiKeyField, problemMessage } from "./api-key-field";
import { settingsKeys } from "./queries";
import { KEY_HELP } from "./status";
import { focusOnClose } from "@/components/ui/focus-on-close";

type DialogProps = {
  connection: Connection;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: (message: string) => void;
  /** The card's button that opened the dialog: focus goes back to it on close (the dialogs have no Radix trigger of their own). */
  opener: RefObject<HTMLButtonElement | null>;
};

function useConnectionMutation<T>(fn: (vars: T) => Promise<unknown>, onSuccess: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: settingsKeys.connections });
      void qc.invalidateQueries({ queryKey: ["audit"] });
      onSuccess();
    },
  });
}

export function RenameDialog({ connection, open, onOpenChange, onDone, opener }: DialogProps) {
  const [label, setLabel] = useState(connection.label);
  const [error, setError] = useState<string | null>(null);
  const rename = useConnectionMutation(
    (l: string) =>
      apiFetch(`/connections/${encodeURIComponent(connection.id)}`, {
        method: "PATCH",
        body: JSON.stringify({ label: l }),
      }),
    () => {
      onOpenChange(false);
      onDone(`Renamed to “${label.trim()}”.`);
    },
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) {
          setLabel(connection.label);
          setError(null);
        }
        onOpenChange(o);
      }}
    >
      <DialogContent onCloseAutoFocus={focusOnClose(opener)}>
        <DialogHeader>
          <DialogTitle>Rename connection</DialogTitle>
          <DialogDescription>The label shows in the header, on filters and in the audit log.</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // updateConnectionSchema's rule for a label, by hand: zod stays out of the page.
            const name = label.trim();
            if (name.length < 1 || name.length > 80)
              return setError("Give the connection a name (up to 80 characters).");
            rename.mutate(name, { onError: (err) => setError(problemMessage(err)) });
          }}
        >
          <div className="space-y-1.5">
            <label htmlFor="rename-label" className="text-sm font-medium">
              Label
            </label>
            <Input
              id="rename-label"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              maxLength={80}
              aria-invalid={error ? true : undefined}
              autoFocus
            />
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={rename.isPending}>
              {rename.isPending ? <Loader2 className="animate-spin" aria-hidden /> : null} Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function ReplaceKeyDialog({ connection, open, onOpenChange, onDone, opener }: DialogProps) {
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const name = VENDOR_LABELS[connection.vendor];
  const replace = useConnectionMutation(
    (key: string) =>
      apiFetch(`/connections/${encodeURIComponent(connection.id)}`, {
        method: "PATCH",
        body: JSON.stringify({ apiKey: key }),
      }),
    () => {
      setApiKey("");
      onOpenChange(false);
      onDone(`New ${name} key accepted. A sync has started.`);
    },
  );
  useEffect(() => {
    if (error && !replace.isPending) keyRef.current?.focus();
  }, [error, replace.isPending]);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (replace.isPending) return;
        if (!o) setApiKey("");
        setError(null);
        onOpenChange(o);
      }}
    >
      <DialogContent
        onOpenAutoFocus={(e) => {
          e.preventDefault();
          keyRef.current?.focus();
        }}
        onCloseAutoFocus={focusOnClose(opener)}
      >
        <DialogHeader>
          <DialogTitle>Replace the {name} key</DialogTitle>
          <DialogDescription>
            The new key is tested with {name} first; the current key ({connection.keyHint}) stays in place if the test
            fails.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (apiKey.trim().length < 8) {
              setError(apiKey.trim() ? "That looks too short for an API key." : "Paste the new API key.");
              keyRef.current?.focus();
              return;
            }
            replace.mutate(apiKey.trim(), { onError: (err) => setError(problemMessage(err)) });
          }}
        >
          <ApiKeyField
            value={apiKey}
            onChange={(v) => {
              setApiKey(v);
              setError(null);
            }}
            inputRef={keyRef}
            label={`New ${name} API key`}
            disabled={replace.isPending}
            error={error}
            help={
              <>
                Find it in <span className="font-medium text-foreground">{KEY_HELP[connection.vendor].where}</span>.
              </>
            }
          />
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)} disabled={replace.isPending}>
              Cancel
            </Button>
            <Button type="submit" disabled={replace.isPending}>
              {replace.isPending ? (
                <>
                  <Loader2 className="animate-spin" aria-hidden /> Testing the key with {name}…
                </>
              ) : (
                "Test and save"
              )}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function RemoveDialog({ connection, open, onOpenChange, onDone, opener }: DialogProps) {
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => apiFetch(`/connections/${encodeURIComponent(connection.id)}`, { method: "DELETE" }),
    onSuccess: async () => {
      qc.setQueryData<Connection[]>(settingsKeys.connections, (old) => old?.filter((c) => c.id !== connection.id));
      onOpenChange(false);
      onDone(`“${connection.label}” was removed, with its key and its synced data.`);
      // Every view of synced data is stale now.
      await qc.invalidateQueries();
    },
    onError: (err) => setError(problemMessage(err)),
  });
  return (
    <AlertDialog
      open={open}
      onOpenChange={(o) => {
        if (remove.isPending) return;
        setError(null);
        onOpenChange(o);
      }}
    >
      <AlertDialogContent onCloseAutoFocus={focusOnClose(opener)}>
        <div className="space-y-2">
          <AlertDialogTitle>Remove “{connection.label}”?</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="space-y-2">
              <p>
                This deletes the stored {VENDOR_LABELS[connection.vendor]} key and{" "}
                <strong className="text-foreground">everything synced through this connection</strong>: its activities,
                tasks and campaigns, and the contacts known only from it.
              </p>
              <p>
                Nothing changes in {VENDOR_LABELS[connection.vendor]} itself. You can connect again later; the data is
                then synced anew.
              </p>
            </div>
          </AlertDialogDescription>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel disabled={remove.isPending}>Cancel</AlertDialogCancel>
          <AlertDialogConfirm onClick={() => remove.mutate()} disabled={remove.isPending}>
            {remove.isPending ? <Loader2 className="animate-spin" aria-hidden /> : null}
            {remove.isPending ? "Removing…" : "Remove connection and data"}
          </AlertDialogConfirm>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
