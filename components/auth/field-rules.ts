import { PASSWORD_MIN_LENGTH } from "@/lib/model/plain/auth";

// The auth schemas' rules, by hand: zod stays out of the page. The routes parse with the
// schemas themselves, and their 400 shows as the form's error.

/** The rule for a new account's email address (already trimmed): setup and invitations. */
export function emailError(address: string): string | undefined {
  return !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) || address.length > 320
    ? "Enter a valid email address."
    : undefined;
}

export type NewPasswordErrors = { password?: string; confirm?: string };

/** A new password and its repetition. */
export function newPasswordErrors(password: string, confirm: string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (password.length < PASSWORD_MIN_LENGTH) errors.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  else if (password.length > 1024) errors.password = "Use at most 1024 characters.";
  if (password !== confirm) errors.confirm = "The two passwords differ.";
  return errors;
}
