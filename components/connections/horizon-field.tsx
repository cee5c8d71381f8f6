"use client";

import { Input } from "@/components/ui/input";
import type { HorizonMode, HorizonValue } from "@/lib/model/plain/history";
import { cn } from "@/lib/utils";

const OPTIONS: { mode: HorizonMode; label: string; hint: string }[] = [
  { mode: "all", label: "Everything", hint: "All the history the vendor has, read newest first." },
  { mode: "months", label: "Last months", hint: "A window that moves with today." },
  { mode: "since", label: "Since a date", hint: "Nothing before the day you pick." },
];

/** The horizon as typed: the numbers stay strings until the form is sent. */
export interface HorizonDraft {
  mode: HorizonMode;
  since: string;
  months: string;
}

export const draftOf = (h: HorizonValue | null | undefined): HorizonDraft => ({
  mode: h?.mode ?? "all",
  since: h?.since ?? "",
  months: h?.months ? String(h.months) : "12",
});

/**
 * The draft as the API takes it (historyHorizonSchema's rules, by hand so zod stays out of
 * the page), or the problem in words.
 */
export function horizonOfDraft(d: HorizonDraft): { value: HorizonValue } | { problem: string } {
  if (d.mode === "all") return { value: { mode: "all" } };
  if (d.mode === "months") {
    const n = Number(d.months);
    if (!Number.isInteger(n) || n < 1 || n > 240) return { problem: "Give a whole number of months, 1 to 240." };
    return { value: { mode: "months", months: n } };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.since) || !Number.isFinite(Date.parse(`${d.since}T00:00:00Z`)))
    return { problem: "Pick a day." };
  if (d.since < "2000-01-01") return { problem: "Pick a day in 2000 or later." };
  return { value: { mode: "since", since: d.since } };
}

/** "History: everything / last N months / since a date", for the add form and the card's dialog. */
export function HorizonField({
  value,
  onChange,
  disabled,
  error,
  idPrefix,
}: {
  value: HorizonDraft;
  onChange: (v: HorizonDraft) => void;
  disabled?: boolean;
  error?: string | null;
  idPrefix: string;
}) {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <fieldset className="space-y-2" disabled={disabled} aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend className="mb-1.5 text-sm font-medium">History to import</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {OPTIONS.map((o) => (
          <label
            key={o.mode}
            className={cn(
              "relative flex cursor-pointer flex-col gap-0.5 rounded-lg border px-3 py-2 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring/40",
              o.mode === value.mode ? "border-primary bg-accent text-accent-foreground" : "hover:bg-muted",
            )}
          >
            <input
              type="radio"
              name={`${idPrefix}-mode`}
              value={o.mode}
              checked={o.mode === value.mode}
              onChange={() => onChange({ ...value, mode: o.mode })}
              className="absolute inset-0 cursor-pointer appearance-none rounded-lg opacity-0"
            />
            <span className="font-medium">{o.label}</span>
            <span className="text-xs text-muted-foreground">{o.hint}</span>
          </label>
        ))}
      </div>
      {value.mode === "months" ? (
        <div className="flex items-center gap-2">
          <label htmlFor={`${idPrefix}-months`} className="text-sm">
            The last
          </label>
          <Input
            id={`${idPrefix}-months`}
            type="number"
            inputMode="numeric"
            min={1}
            max={240}
            value={value.months}
            onChange={(e) => onChange({ ...value, months: e.target.value })}
            className="w-20"
            aria-invalid={error ? true : undefined}
          />
          <span className="text-sm">months</span>
        </div>
      ) : null}
      {value.mode === "since" ? (
        <div className="flex items-center gap-2">
          <label htmlFor={`${idPrefix}-since`} className="text-sm">
            Since
          </label>
          <Input
            id={`${idPrefix}-since`}
            type="date"
            min="2000-01-01"
            max={today}
            value={value.since}
            onChange={(e) => onChange({ ...value, since: e.target.value })}
            className="w-44"
            aria-invalid={error ? true : undefined}
          />
        </div>
      ) : null}
      {error ? (
        <p id={`${idPrefix}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
