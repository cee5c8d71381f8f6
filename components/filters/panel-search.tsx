"use client";

import { useId } from "react";

/**
 * The search box at the top of a filter panel's long list (facet values, time zones): named by
 * a hidden label, filtering the list below as you type. Not the page's SearchBox: no URL, no "/".
 */
export function PanelSearch({
  label,
  placeholder,
  value,
  onChange,
  autoFocus,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (text: string) => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className="border-b p-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        // A panel opened to type in (the time-zone list) puts the focus straight here.
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        className="h-8 w-full rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
      />
    </div>
  );
}
