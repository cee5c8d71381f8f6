import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Input } from "./input";

/**
 * The props that tie an input to its FormField: the id its label points at, and the error
 * (or, without one, the help) that describes it. Spread them onto the input.
 */
export function fieldAria(id: string, error?: string | null, help = false) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : help ? `${id}-help` : undefined,
  } as const;
}

/**
 * A labelled form control with its error, or its help while there is no error. Every form in
 * the app (sign-in, setup, invitation links, tokens, invites, connections) wrote the same
 * label, spacing and message markup by hand; the ids match what `fieldAria` points at.
 */
export function FormField({
  id,
  label,
  error,
  help,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | null;
  help?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : help ? (
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          {help}
        </p>
      ) : null}
    </div>
  );
}

/** A FormField holding a text input, wired to its label, error and help. Other props go to the input. */
export function TextField({
  id,
  label,
  error,
  help,
  fieldClassName,
  ...props
}: ComponentProps<typeof Input> & {
  id: string;
  label: ReactNode;
  error?: string | null;
  help?: ReactNode;
  /** Classes for the field around the input (its place in a row), where `className` styles the input. */
  fieldClassName?: string;
}) {
  return (
    <FormField id={id} label={label} error={error} help={help} className={fieldClassName}>
      <Input {...fieldAria(id, error, !!help)} {...props} />
    </FormField>
  );
}
