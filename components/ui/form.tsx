import type { ComponentProps } from "react";

/**
 * A form that never reloads the page and leaves checking to its own code: the forms check
 * the schemas' rules by hand (zod stays out of the browser) and say what is wrong in words,
 * so the browser's own validation bubbles are off. `onSubmit` runs with nothing to prevent.
 */
export function Form({
  onSubmit,
  ...props
}: Omit<ComponentProps<"form">, "onSubmit" | "noValidate"> & { onSubmit: () => unknown }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      {...props}
    />
  );
}
