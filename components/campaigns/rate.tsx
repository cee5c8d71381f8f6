"use client";

import { Tooltip } from "radix-ui";
import type { ReactNode } from "react";
import { RATE_BASES, RATE_DEFINITIONS, RATE_OVER_BASE_REASON } from "@/lib/model/plain/campaign";
import { cn } from "@/lib/utils";
import { fmtInt, fmtRate } from "./format";

export type RateKey = "open" | "click" | "reply" | "bounce" | "positive";

const RATE_LABELS: Record<RateKey, string> = {
  open: "Open rate",
  click: "Click rate",
  reply: "Reply rate",
  bounce: "Bounce rate",
  positive: "Positive rate",
};

/** Numerator and denominator counts of each rate, for the "= 12 / 340" line. */
export const RATE_PARTS: Record<RateKey, [string, string]> = {
  open: ["opened", "delivered"],
  click: ["clicked", "delivered"],
  reply: ["replied", "delivered"],
  bounce: ["bounced", "sent"],
  positive: ["interested", "replied"],
};

/** Hover or focus help: a dotted underline that opens a small card. */
export function Hint({
  children,
  content,
  className,
}: {
  children: ReactNode;
  content: ReactNode;
  className?: string;
}) {
  return (
    <Tooltip.Root delayDuration={150}>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          className={cn(
            "cursor-help rounded-sm underline decoration-muted-foreground/50 decoration-dotted underline-offset-4 outline-none focus-visible:ring-2 focus-visible:ring-ring/50",
            className,
          )}
        >
          {children}
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          side="top"
          sideOffset={6}
          className="z-50 max-w-72 rounded-md border bg-card px-3 py-2 text-xs text-card-foreground shadow-md"
        >
          {content}
          <Tooltip.Arrow className="fill-card" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

export { RATE_BASES };

/**
 * A rate with its formula on hover and focus: "Reply rate = replied / delivered = 12 / 340".
 * `partial`: the reason the figures are partial — the rate is muted and says why. A rate
 * whose numerator passes its base shows no figure (never a capped 100 %) and says why.
 */
export function Rate({
  rate,
  value,
  counts,
  className,
  digits,
  partial,
}: {
  rate: RateKey;
  value: number | null;
  counts?: Partial<Record<string, unknown>>;
  className?: string;
  digits?: number;
  partial?: string | null;
}) {
  const [num, den] = RATE_PARTS[rate];
  const n = Number(counts?.[num] ?? 0);
  const d = Number(counts?.[den] ?? 0);
  const over = !!counts && d > 0 && n > d;
  return (
    <Hint
      className={cn("tabular-nums", partial && "text-muted-foreground italic", className)}
      content={
        <span className="grid gap-0.5">
          <span className="font-medium">
            {RATE_LABELS[rate]} = {RATE_DEFINITIONS[rate]}
          </span>
          {counts ? (
            <span className="text-muted-foreground">
              = {fmtInt(n)} / {fmtInt(d)}
              {value === null ? (over ? ` — ${RATE_OVER_BASE_REASON}` : " (nothing to divide by)") : ""}
            </span>
          ) : null}
          {partial ? <span className="text-foreground">Partial data: {partial}</span> : null}
        </span>
      }
    >
      <span className="sr-only">{RATE_LABELS[rate]} </span>
      {over && value === null ? `${fmtInt(n)} > ${fmtInt(d)}` : fmtRate(value, digits)}
      {partial ? <span className="sr-only"> (partial data: {partial})</span> : null}
    </Hint>
  );
}

/** Radix tooltips need one provider above them. */
export function HintProvider({ children }: { children: ReactNode }) {
  return <Tooltip.Provider delayDuration={150}>{children}</Tooltip.Provider>;
}
