import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";
import { FormField } from "./form-field";

export type SelectOption = { value: string | number; label: ReactNode };

/** A native `<select>` in the inputs' style, its options from a list (extra `<option>`s may follow as children). */
export function NativeSelect({
  options,
  className,
  children,
  ...props
}: ComponentProps<"select"> & { options: readonly SelectOption[] }) {
  return (
    <select
      className={cn(
        "h-9 rounded-md border bg-background px-2.5 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring",
        className,
      )}
      {...props}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  );
}

/** A labelled NativeSelect on its own line, as the settings forms place them. */
export function SelectField({
  id,
  label,
  ...props
}: ComponentProps<typeof NativeSelect> & { id: string; label: ReactNode }) {
  return (
    <FormField id={id} label={label}>
      <NativeSelect id={id} className="block" {...props} />
    </FormField>
  );
}
