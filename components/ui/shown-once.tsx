"use client";

import { Check, Copy } from "@/components/ui/icons";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * A secret or one-time link shown once (an invite, a reset link, a new API token), with a copy
 * button and "Done". Announced politely when it appears.
 */
export function ShownOnce({
  title,
  help,
  value,
  label,
  copyText = "Copy",
  onDone,
}: {
  title: ReactNode;
  help: ReactNode;
  value: string;
  /** The field's accessible name. */
  label: string;
  copyText?: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      /* clipboard refused (insecure context): the field can be selected by hand */
    }
  };
  return (
    <div role="status" aria-live="polite" className="space-y-3 rounded-xl border border-success/40 bg-success/8 p-4">
      <div>
        <p className="text-sm font-semibold">{title}</p>
        <p className="text-sm text-muted-foreground">{help}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Input
          readOnly
          value={value}
          aria-label={label}
          className="min-w-0 flex-1 basis-64 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />} {copied ? "Copied" : copyText}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
