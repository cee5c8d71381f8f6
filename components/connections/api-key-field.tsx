"use client";

import { Eye, EyeOff } from "@/components/ui/icons";
import { useId, useState, type Ref } from "react";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api";
import { cn } from "@/lib/utils";

/** An API problem as a sentence: the first field error for a 400, else the detail. */
export function problemMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const first = err.errors?.[0]?.message;
    if (err.status === 400 && first) return `${first[0]!.toUpperCase()}${first.slice(1)}.`;
    return err.message;
  }
  return "Touchline could not be reached. Check your connection and try again.";
}

/** A password-style field for a vendor API key: never autofilled or spell-checked, revealable on demand. */
export function ApiKeyField({
  value,
  onChange,
  error,
  help,
  inputRef,
  label = "API key",
  disabled,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  help?: React.ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  label?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="relative">
        <Input
          id={id}
          ref={inputRef}
          type={shown ? "text" : "password"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          data-1p-ignore
          data-lpignore="true"
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
          className={cn(
            "pr-10 font-mono",
            error && "border-destructive focus-visible:border-destructive focus-visible:ring-destructive/30",
          )}
        />
        <button
          type="button"
          onClick={() => setShown((s) => !s)}
          className="absolute top-1/2 right-1 -translate-y-1/2 rounded p-1.5 text-muted-foreground hover:text-foreground"
          aria-label={shown ? "Hide key" : "Show key"}
          aria-pressed={shown}
        >
          {shown ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div id={`${id}-help`} className="text-xs text-muted-foreground">
        {help}
      </div>
    </div>
  );
}
