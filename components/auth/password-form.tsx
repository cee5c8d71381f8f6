"use client";

import { useState } from "react";
import { TextField } from "@/components/ui/form-field";
import { ErrorAlert } from "@/components/ui/form-message";
import { PendingButton } from "@/components/ui/pending-button";
import { Form } from "@/components/ui/form";
import { emailError, newPasswordErrors } from "./field-rules";
import { EmailField, NewPasswordFields, useNewPassword } from "./account-fields";
import { postJson } from "./post-json";
import { vendorNames } from "@/lib/vendors/metas";

type Fields = { email?: string; name?: string; password?: string; confirm?: string; form?: string };

/**
 * The form behind a one-time link: joining from an invitation (email, name, password) or
 * choosing a new password from a reset link (password only). Signs in and goes home.
 */
export function PasswordForm({
  endpoint,
  join,
  fixedEmail,
  submitLabel,
}: {
  endpoint: string;
  /** Ask for email and name too (an invitation). */
  join: boolean;
  fixedEmail?: string;
  submitLabel: string;
}) {
  const [email, setEmail] = useState(fixedEmail ?? "");
  const [name, setName] = useState("");
  const newPassword = useNewPassword();
  const { password } = newPassword;
  const [errors, setErrors] = useState<Fields>({});
  const [pending, setPending] = useState(false);

  const submit = async () => {
    // The schemas' rules, by hand (zod stays out of the page); the route parses with them.
    const address = email.trim();
    const next: Fields = {
      email: join ? emailError(address) : undefined,
      name: join && name.trim().length > 120 ? "Use at most 120 characters." : undefined,
      ...newPasswordErrors(password, newPassword.confirm),
    };
    setErrors(next);
    const first = (["email", "name", "password", "confirm"] as const).find((k) => next[k]);
    if (first) {
      document.getElementById(`link-${first}`)?.focus();
      return;
    }
    setPending(true);
    const res = await postJson(
      endpoint,
      join ? { email: address, name: name.trim() || undefined, password } : { password },
    );
    if (res.ok) {
      // A full load, so every server component renders with the new session.
      window.location.assign(new URL("/", window.location.href));
      return;
    }
    setPending(false);
    setErrors({ form: res.detail ?? "That did not work. Ask for a new link." });
  };

  return (
    <Form onSubmit={submit} className="grid gap-4">
      {join ? (
        <>
          <EmailField
            id="link-email"
            error={errors.email}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
          <TextField
            id="link-name"
            label="Your name"
            error={errors.name}
            help={`Shown to your team, and used to propose your users in ${vendorNames()}.`}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </>
      ) : null}
      <NewPasswordFields
        idPrefix="link"
        label={join ? "Password" : "New password"}
        {...newPassword}
        errors={errors}
        autoFocus={!join}
      />
      <ErrorAlert>{errors.form}</ErrorAlert>
      <PendingButton type="submit" pending={pending} className="w-full">
        {submitLabel}
      </PendingButton>
    </Form>
  );
}
