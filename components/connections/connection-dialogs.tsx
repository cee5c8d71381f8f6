"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type RefObject } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogFormFooter, DialogShell } from "@/components/ui/dialog-shell";
import { TextField } from "@/components/ui/form-field";
import { PendingButton } from "@/components/ui/pending-button";
import { apiFetch } from "@/lib/client/api";
import type { Connection } from "@/lib/model/connection";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { ApiKeyField, problemMessage } from "./api-key-field";
import { patchConnection, settingsKeys } from "./queries";
import { KEY_HELP } from "./status";
import { focusOnClose } from "@/components/ui/focus-on-close";
import { Form } from "@/components/ui/form";

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
    (l: string) => patchConnection(connection.id, { label: l }),
    () => {
      onOpenChange(false);
      onDone(`Renamed to “${label.trim()}”.`);
    },
  );
  return (
    <DialogShell
      open={open}
      onOpenChange={(o) => {
        if (o) {
          setLabel(connection.label);
          setError(null);
        }
        onOpenChange(o);
      }}
      onCloseAutoFocus={focusOnClose(opener)}
      title="Rename connection"
      description="The label shows in the header, on filters and in the audit log."
    >
      <Form
        className="grid gap-4"
        onSubmit={() => {
          // updateConnectionSchema's rule for a label, by hand: zod stays out of the page.
          const name = label.trim();
          if (name.length < 1 || name.length > 80) return setError("Give the connection a name (up to 80 characters).");
          rename.mutate(name, { onError: (err) => setError(problemMessage(err)) });
        }}
      >
        <TextField
          id="rename-label"
          label="Label"
          error={error}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={80}
          autoFocus
        />
        <DialogFormFooter onCancel={() => onOpenChange(false)}>
          <PendingButton type="submit" pending={rename.isPending}>
            Save
          </PendingButton>
        </DialogFormFooter>
      </Form>
    </DialogShell>
  );
}

export function ReplaceKeyDialog({ connection, open, onOpenChange, onDone, opener }: DialogProps) {
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const name = VENDOR_LABELS[connection.vendor];
  const replace = useConnectionMutation(
    (key: string) => patchConnection(connection.id, { apiKey: key }),
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
    <DialogShell
      open={open}
      busy={replace.isPending}
      onOpenChange={(o) => {
        if (!o) setApiKey("");
        setError(null);
        onOpenChange(o);
      }}
      onOpenAutoFocus={(e) => {
        e.preventDefault();
        keyRef.current?.focus();
      }}
      onCloseAutoFocus={focusOnClose(opener)}
      title={<>Replace the {name} key</>}
      description={
        <>
          The new key is tested with {name} first; the current key ({connection.keyHint}) stays in place if the test
          fails.
        </>
      }
    >
      <Form
        className="grid gap-4"
        onSubmit={() => {
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
        <DialogFormFooter onCancel={() => onOpenChange(false)} cancelDisabled={replace.isPending}>
          <PendingButton type="submit" pending={replace.isPending} pendingLabel={<>Testing the key with {name}…</>}>
            Test and save
          </PendingButton>
        </DialogFormFooter>
      </Form>
    </DialogShell>
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
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        setError(null);
        onOpenChange(o);
      }}
      onCloseAutoFocus={focusOnClose(opener)}
      title={<>Remove “{connection.label}”?</>}
      description={
        <>
          <p>
            This deletes the stored {VENDOR_LABELS[connection.vendor]} key and{" "}
            <strong className="text-foreground">everything synced through this connection</strong>: its activities,
            tasks and campaigns, and the contacts known only from it.
          </p>
          <p>
            Nothing changes in {VENDOR_LABELS[connection.vendor]} itself. You can connect again later; the data is then
            synced anew.
          </p>
        </>
      }
      error={error}
      pending={remove.isPending}
      confirmLabel={remove.isPending ? "Removing…" : "Remove connection and data"}
      onConfirm={() => remove.mutate()}
    />
  );
}
