import { TextField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/model/plain/auth";
import type { NewPasswordErrors } from "./field-rules";

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
