import { useState, type ComponentProps } from "react";
import { TextField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/model/plain/auth";
import type { NewPasswordErrors } from "./field-rules";

// The fields of an account, asked the same way wherever one is signed into or created:
// sign-in, the first admin's setup, and the invitation and reset links.

/** The account's email address: a text field whose label, type and autofill are always these. */
export function EmailField(props: Omit<ComponentProps<typeof TextField>, "label" | "type" | "autoComplete">) {
  return <TextField label="Email" type="email" autoComplete="username" {...props} />;
}

/** A new password and its repetition as the form's state; spread it onto NewPasswordFields. */
export function useNewPassword() {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  return { password, confirm, onPassword: setPassword, onConfirm: setConfirm };
}

/**
 * Choosing a password, typed twice: the setup form and the invitation and reset links ask
 * for it the same way. The inputs' ids are `${idPrefix}-password` and `${idPrefix}-confirm`.
 */
export function NewPasswordFields({
  idPrefix,
  label = "Password",
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
  autoFocus,
}: {
  idPrefix: string;
  label?: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: NewPasswordErrors;
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextField
        id={`${idPrefix}-password`}
        label={label}
        error={errors.password}
        help={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of a few words is easiest to remember.`}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        autoFocus={autoFocus}
      />
      <TextField
        id={`${idPrefix}-confirm`}
        label="Repeat the password"
        error={errors.confirm}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
      />
    </>
  );
}
