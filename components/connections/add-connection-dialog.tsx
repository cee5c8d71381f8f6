"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck } from "@/components/ui/icons";
import { useEffect, useRef, useState, type RefObject } from "react";
import { DialogFooter } from "@/components/ui/dialog";
import { DialogShell } from "@/components/ui/dialog-shell";
import { TextField } from "@/components/ui/form-field";
import { ErrorAlert } from "@/components/ui/form-message";
import { PendingButton } from "@/components/ui/pending-button";
import { VendorDot } from "@/components/ui/vendor-badge";
import { ApiError, apiFetch } from "@/lib/client/api";
import type { Connection } from "@/lib/model/connection";
import { VENDOR_LABELS, VENDORS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import type { HorizonValue } from "@/lib/model/plain/history";
import { ApiKeyField, problemMessage } from "./api-key-field";
import { draftOf, HorizonField, horizonOfDraft, type HorizonDraft } from "./horizon-field";
import { settingsKeys } from "./queries";
import { KEY_HELP } from "./status";
import { focusOnClose } from "@/components/ui/focus-on-close";
import { Form } from "@/components/ui/form";

/**
 * Add a connection: vendor, label, key — the key is tested against the vendor before anything
 * is stored. Loaded on demand by AddConnectionButton (./add-connection), which owns the trigger.
 */
export function AddConnectionDialog({
  open,
  setOpen,
  onConnected,
  trigger,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
  onConnected: (c: Connection) => void;
  /** Where focus goes back on close: the button that opened the dialog. */
  trigger: RefObject<HTMLButtonElement | null>;
}) {
  const [vendor, setVendor] = useState<Vendor>(VENDORS[0]);
  const [label, setLabel] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [horizon, setHorizon] = useState<HorizonDraft>(draftOf(null));
  const [error, setError] = useState<{ field: "apiKey" | "label" | "history" | "form"; message: string } | null>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const qc = useQueryClient();

  const reset = () => {
    setLabel("");
    setApiKey(""); // the key does not linger in the page's memory
    setHorizon(draftOf(null));
    setError(null);
  };

  const create = useMutation({
    mutationFn: (body: { vendor: Vendor; label?: string; apiKey: string; history?: HorizonValue }) =>
      apiFetch<Connection>("/connections", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: (conn) => {
      qc.setQueryData<Connection[]>(settingsKeys.connections, (old) => [
        ...(old ?? []).filter((c) => c.id !== conn.id),
        conn,
      ]);
      void qc.invalidateQueries({ queryKey: settingsKeys.connections });
      void qc.invalidateQueries({ queryKey: ["audit"] });
      setOpen(false);
      reset();
      onConnected(conn);
    },
    onError: (err) => {
      const e = err instanceof ApiError ? err : null;
      const path = e?.errors?.[0]?.path;
      const field =
        path === "label"
          ? "label"
          : path?.startsWith("history")
            ? "history"
            : e?.status === 422 || path === "apiKey"
              ? "apiKey"
              : "form";
      setError({ field, message: problemMessage(err) });
    },
  });
  // Back to the key once the field is enabled again, so it can be corrected at once.
  useEffect(() => {
    if (error?.field === "apiKey" && !create.isPending) keyRef.current?.focus();
  }, [error, create.isPending]);

  const submit = () => {
    // The rules of createConnectionSchema, checked by hand so zod stays out of the page's
    // JavaScript; the route parses with the schema itself (its 400 lands in onError).
    const key = apiKey.trim();
    const labelText = label.trim();
    const h = horizonOfDraft(horizon);
    const problem: { field: "label" | "apiKey" | "history"; message: string } | null =
      key === ""
        ? { field: "apiKey", message: "Paste the API key." }
        : key.length < 8
          ? { field: "apiKey", message: "The key looks too short for an API key." }
          : key.length > 400
            ? { field: "apiKey", message: "The key is longer than any API key (400 characters at most)." }
            : labelText.length > 80
              ? { field: "label", message: "The label is too long (80 characters at most)." }
              : "problem" in h
                ? { field: "history", message: h.problem }
                : null;
    if (problem) {
      setError(problem);
      if (problem.field === "apiKey") keyRef.current?.focus();
      return;
    }
    setError(null);
    const history = "value" in h && h.value.mode !== "all" ? h.value : undefined;
    create.mutate({ vendor, label: labelText || undefined, apiKey: key, history });
  };

  const name = VENDOR_LABELS[vendor];
  return (
    <DialogShell
      open={open}
      busy={create.isPending}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
      onOpenAutoFocus={(e) => {
        e.preventDefault();
        keyRef.current?.focus();
      }}
      onCloseAutoFocus={focusOnClose(trigger)}
      title="Add a connection"
      description="Touchline tests the key with the vendor before saving it. Keys are encrypted on this server and never shown again."
    >
      <Form onSubmit={submit} className="grid gap-4">
        <fieldset className="space-y-1.5" disabled={create.isPending}>
          <legend className="mb-1.5 text-sm font-medium">Vendor</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {VENDORS.map((v) => (
              <label
                key={v}
                className={cn(
                  "relative flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm font-medium transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring/40",
                  v === vendor ? "border-primary bg-accent text-accent-foreground" : "hover:bg-muted",
                )}
              >
                <input
                  type="radio"
                  name="vendor"
                  value={v}
                  checked={v === vendor}
                  onChange={() => setVendor(v)}
                  className="absolute inset-0 cursor-pointer appearance-none rounded-lg opacity-0"
                />
                <VendorDot vendor={v} className="size-2.5" />
                {VENDOR_LABELS[v]}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          id="connection-label"
          label={
            <>
              Label <span className="font-normal text-muted-foreground">(optional)</span>
            </>
          }
          error={error?.field === "label" ? error.message : null}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder={`e.g. ${name} — EU team`}
          maxLength={80}
          disabled={create.isPending}
        />
        <ApiKeyField
          value={apiKey}
          onChange={(v) => {
            setApiKey(v);
            if (error?.field === "apiKey") setError(null);
          }}
          inputRef={keyRef}
          label={`${name} API key`}
          disabled={create.isPending}
          error={error?.field === "apiKey" ? error.message : null}
          help={
            <>
              Find it in <span className="font-medium text-foreground">{KEY_HELP[vendor].where}</span>.{" "}
              {KEY_HELP[vendor].note}
            </>
          }
        />
        <HorizonField
          idPrefix="add-history"
          value={horizon}
          onChange={(v) => {
            setHorizon(v);
            if (error?.field === "history") setError(null);
          }}
          disabled={create.isPending}
          error={error?.field === "history" ? error.message : null}
        />
        <ErrorAlert>{error?.field === "form" ? error.message : null}</ErrorAlert>
        <DialogFooter>
          <p className="mr-auto flex items-center gap-1.5 self-center text-xs text-muted-foreground">
            <ShieldCheck className="size-3.5" aria-hidden /> Encrypted with AES-256-GCM
          </p>
          <PendingButton type="submit" pending={create.isPending} pendingLabel={<>Testing the key with {name}…</>}>
            Test and connect
          </PendingButton>
        </DialogFooter>
      </Form>
    </DialogShell>
  );
}
