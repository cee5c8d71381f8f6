"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type RefObject } from "react";
import { DialogFormFooter, DialogShell } from "@/components/ui/dialog-shell";
import { PendingButton } from "@/components/ui/pending-button";
import { apiFetch } from "@/lib/client/api";
import type { Connection } from "@/lib/model/connection";
import { describeHorizon, formatDay, horizonFrom, type HorizonValue } from "@/lib/model/plain/history";
import { problemMessage } from "./api-key-field";
import { draftOf, HorizonField, horizonOfDraft } from "./horizon-field";
import { patchConnection, settingsKeys } from "./queries";
import { numberFormat } from "./status";
import { focusOnClose } from "@/components/ui/focus-on-close";
import { Form } from "@/components/ui/form";

const at = (iso: string | null) => (iso === null ? -Infinity : Date.parse(iso));

/**
 * Change how far back a connection imports. Moving the horizon back starts a sync that reads
 * the missing span; moving it forward keeps what is stored unless "also remove" is ticked —
 * and the count of what that removes is shown first (GET …/prune).
 */
export function HistoryDialog({
  connection: c,
  open,
  onOpenChange,
  onDone,
  opener,
}: {
  connection: Connection;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: (message: string) => void;
  opener: RefObject<HTMLButtonElement | null>;
}) {
  const current = (c.history?.horizon ?? { mode: "all" }) as HorizonValue;
  const [draft, setDraft] = useState(draftOf(current));
  const [prune, setPrune] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const parsed = horizonOfDraft(draft);
  const next = "value" in parsed ? parsed.value : null;
  const nextFrom = next ? horizonFrom(next) : null;
  const forward = next !== null && at(nextFrom) > at(horizonFrom(current));
  const backward = next !== null && at(nextFrom) < at(horizonFrom(current));
  // The day only: the count does not change every second while the user looks at it.
  const before = forward && nextFrom ? `${nextFrom.slice(0, 10)}T00:00:00.000Z` : null;

  const preview = useQuery({
    queryKey: ["prune-preview", c.id, before],
    queryFn: () =>
      apiFetch<{ before: string; activities: number }>(
        `/connections/${encodeURIComponent(c.id)}/prune?before=${encodeURIComponent(before!)}`,
      ),
    enabled: open && before !== null,
  });

  const save = useMutation({
    mutationFn: async (h: HorizonValue) => {
      await patchConnection(c.id, { history: h });
      if (prune && before)
        return apiFetch<{ activities: number }>(`/connections/${encodeURIComponent(c.id)}/prune`, {
          method: "POST",
          body: JSON.stringify({ before }),
        });
      return null;
    },
    onSuccess: async (pruned, h) => {
      await qc.invalidateQueries({ queryKey: settingsKeys.connections });
      void qc.invalidateQueries({ queryKey: ["audit"] });
      onOpenChange(false);
      onDone(
        `History: ${describeHorizon(h)}.` +
          (backward ? " A sync has started to read the older history." : "") +
          (pruned ? ` ${numberFormat.format(pruned.activities)} older activities removed.` : ""),
      );
    },
    onError: (err) => setError(problemMessage(err)),
  });

  return (
    <DialogShell
      open={open}
      busy={save.isPending}
      onOpenChange={(o) => {
        if (o) {
          setDraft(draftOf(current));
          setPrune(false);
          setError(null);
        }
        onOpenChange(o);
      }}
      onCloseAutoFocus={focusOnClose(opener)}
      title={<>History of “{c.label}”</>}
      description={<>How far back Touchline imports from this connection. Now: {describeHorizon(current)}.</>}
    >
      <Form
        className="grid gap-4"
        onSubmit={() => {
          if ("problem" in parsed) return setError(parsed.problem);
          save.mutate(parsed.value);
        }}
      >
        <HorizonField
          idPrefix={`history-${c.id}`}
          value={draft}
          onChange={(v) => {
            setDraft(v);
            setError(null);
          }}
          disabled={save.isPending}
          error={error}
        />
        {backward ? (
          <p className="rounded-md border bg-muted/50 px-3 py-2 text-sm">
            Saving starts a sync that reads the older history, newest first. What is already stored stays.
          </p>
        ) : null}
        {forward && before ? (
          <div className="space-y-2 rounded-md border bg-muted/50 px-3 py-2 text-sm">
            <p>
              Nothing is removed unless you ask:{" "}
              {preview.isPending ? (
                <span className="text-muted-foreground">counting the activities before {formatDay(before)}…</span>
              ) : preview.data ? (
                <>
                  <span className="font-medium">{numberFormat.format(preview.data.activities)}</span> activities before{" "}
                  {formatDay(before)} are stored.
                </>
              ) : (
                <span className="text-muted-foreground">the count could not be read.</span>
              )}
            </p>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={prune}
                onChange={(e) => setPrune(e.target.checked)}
                disabled={save.isPending || !preview.data?.activities}
                className="size-4 accent-primary"
              />
              Also remove them (their figures go too; this cannot be undone)
            </label>
          </div>
        ) : null}
        <DialogFormFooter onCancel={() => onOpenChange(false)} cancelDisabled={save.isPending}>
          <PendingButton type="submit" pending={save.isPending} variant={prune ? "destructive" : "default"}>
            {prune && preview.data ? `Save and remove ${numberFormat.format(preview.data.activities)}` : "Save"}
          </PendingButton>
        </DialogFormFooter>
      </Form>
    </DialogShell>
  );
}
