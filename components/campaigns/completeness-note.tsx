"use client";

import { CircleDashed } from "@/components/ui/icons";
import type { Completeness } from "@/lib/model/plain/campaign";
import { cn } from "@/lib/utils";
import { fmtInt } from "./format";
import { Hint } from "./rate";

const fmtDay = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(iso));

/** "107 of 794 synced, complete by 9 Dec" — or "Partial" when the vendor gives no total. */
export function completenessLine(c: Completeness): string {
  const of =
    c.vendorReported !== null && c.vendorReported > c.synced
      ? `${fmtInt(c.synced)} of ${fmtInt(c.vendorReported)} sent synced`
      : "Partial copy";
  return c.completeBy ? `${of}, complete by about ${fmtDay(c.completeBy)}` : of;
}

/**
 * Says that a campaign's figures are partial, and why (on hover and focus, and to screen
 * readers). Nothing when complete. `compact`: a small badge for tables and headers.
 */
export function CompletenessNote({
  completeness: c,
  compact = false,
  className,
}: {
  completeness: Completeness;
  compact?: boolean;
  className?: string;
}) {
  if (c.state === "complete") return null;
  if (compact)
    return (
      <Hint
        content={
          <span className="grid gap-0.5">
            <span className="font-medium">{completenessLine(c)}</span>
            <span>{c.reason}</span>
          </span>
        }
        className={cn(
          "inline-flex items-center gap-1 rounded-md border border-warning/50 bg-warning/10 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap no-underline",
          className,
        )}
      >
        <CircleDashed className="size-3" aria-hidden />
        Partial
        <span className="sr-only">
          : {completenessLine(c)}. {c.reason}
        </span>
      </Hint>
    );
  return (
    <div
      role="note"
      aria-label="Partial data"
      className={cn("flex gap-2 rounded-xl border border-warning/40 bg-warning/10 px-4 py-3 text-sm", className)}
    >
      <CircleDashed className="mt-0.5 size-4 shrink-0" aria-hidden />
      <p>
        <span className="font-medium">{completenessLine(c)}.</span> {c.reason} Rates below are muted until the copy is
        complete.
      </p>
    </div>
  );
}
