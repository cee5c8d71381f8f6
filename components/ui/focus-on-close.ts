import type { RefObject } from "react";

/**
 * For a dialog's `onCloseAutoFocus` when it has no Radix trigger of its own (opened from a
 * menu, a card button, a row): focus goes back to the element that opened it, not to the body.
 */
export const focusOnClose = (opener: RefObject<HTMLElement | null>) => (e: Event) => {
  e.preventDefault();
  opener.current?.focus();
};
