"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { contactQueries } from "@/components/contacts/queries";
import type { RefreshSummary } from "@/lib/model/contacts-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { refreshContact, timelineQueries } from "./queries";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** What changed, in words: "3 new, 1 updated — <vendor>: 2 new activities; <vendor>: 1 new task…". */
export function describeRefresh(s: RefreshSummary): { headline: string; details: string[] } {
  if (s.vendors.length === 0) return { headline: "This person has no vendor record to refresh.", details: [] };
  const parts: string[] = [];
  if (s.totals.new) parts.push(`${s.totals.new.toLocaleString("en-GB")} new`);
  if (s.totals.updated) parts.push(`${s.totals.updated.toLocaleString("en-GB")} updated`);
  const headline = parts.length ? `${parts.join(", ")}.` : "Already up to date: nothing new.";
  const details = s.vendors.map((v) => {
    const vendor = VENDOR_LABELS[v.vendor];
    const name =
      !v.label || v.label === vendor
        ? vendor
        : v.label.toLowerCase().includes(vendor.toLowerCase())
          ? v.label
          : `${vendor} (${v.label})`;
    if (v.status === "failed") return `${name}: failed — ${v.error ?? "unknown error"}`;
    const bits = [
      v.new.activities ? `${plural(v.new.activities, "new activity", "new activities")}` : null,
      v.new.tasks ? `${plural(v.new.tasks, "new task")}` : null,
      v.updated.activities ? `${plural(v.updated.activities, "activity", "activities")} updated` : null,
      v.updated.tasks ? `${plural(v.updated.tasks, "task")} updated` : null,
    ].filter(Boolean);
    return `${name}: ${bits.length ? bits.join(", ") : "no change"}`;
  });
  return { headline, details };
}

/** "Refresh now": the live path through every vendor this person is in; then the page re-reads the store. */
export function useRefreshContact(contactId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => refreshContact(contactId),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: timelineQueries.all(contactId) }),
        qc.invalidateQueries({ queryKey: contactQueries.detail(contactId).queryKey }),
      ]),
  });
}

type RefreshMutation = ReturnType<typeof useRefreshContact>;

export function RefreshButton({ mutation }: { mutation: RefreshMutation }) {
  return (
    <Button
      variant="secondary"
      onClick={() => mutation.mutate()}
      disabled={mutation.isPending}
      aria-describedby="refresh-status"
    >
      <RefreshCw aria-hidden className={cn(mutation.isPending && "animate-spin")} />
      {mutation.isPending ? "Refreshing…" : "Refresh now"}
    </Button>
  );
}

/** The outcome of the last refresh (announced to screen readers). */
export function RefreshStatus({ mutation }: { mutation: RefreshMutation }) {
  const pending = mutation.isPending;
  const error = mutation.error ? mutation.error.message : null;
  const summary = mutation.data ?? null;
  const text = pending
    ? "Asking every vendor for this person’s latest data…"
    : error
      ? `Refresh failed: ${error}`
      : null;
  const described = summary && !pending && !error ? describeRefresh(summary) : null;
  return (
    <div
      id="refresh-status"
      role="status"
      aria-live="polite"
      className={cn("text-sm", !text && !described && "sr-only")}
    >
      {text ? <p className={cn(error ? "text-destructive" : "text-muted-foreground")}>{text}</p> : null}
      {described ? (
        <div className="rounded-lg border bg-card px-4 py-3 shadow-xs">
          <p className="font-medium">Refreshed: {described.headline}</p>
          {described.details.length ? (
            <ul className="mt-1 space-y-0.5 text-xs text-muted-foreground">
              {described.details.map((d) => (
                <li key={d} className={cn(d.includes(": failed") && "text-destructive")}>
                  {d}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
