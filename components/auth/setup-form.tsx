"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TextField } from "@/components/ui/form-field";
import { ErrorAlert } from "@/components/ui/form-message";
import { PendingButton } from "@/components/ui/pending-button";
import { Form } from "@/components/ui/form";
import { emailError, newPasswordErrors } from "./field-rules";
import { EmailField, NewPasswordFields, useNewPassword } from "./account-fields";
import { postJson } from "./post-json";

export function SetupForm() {
  const [code, setCode] = useState("");
  const [email, setEmail] = useState("");
  const newPassword = useNewPassword();
  const [errors, setErrors] = useState<{
    code?: string;
    email?: string;
    password?: string;
    confirm?: string;
    form?: string;
  }>({});
  const [pending, setPending] = useState(false);
  const router = useRouter();

  const submit = async () => {
    // setupSchema's rules, by hand (zod stays out of the page); the route parses with the
    // schema itself and its 400 shows as the form's error.
    const address = email.trim();
    const next: typeof errors = {
      code: code.trim() ? undefined : "Enter the setup code from the server log.",
      email: emailError(address),
      ...newPasswordErrors(newPassword.password, newPassword.confirm),
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      document
        .getElementById(
          next.code ? "setup-code" : next.email ? "setup-email" : next.password ? "setup-password" : "setup-confirm",
        )
        ?.focus();
      return;
    }
    setPending(true);
    const res = await postJson("/setup", { email: address, password: newPassword.password, setupCode: code.trim() });
    if (res.ok) {
      router.replace("/");
      router.refresh();
      return;
    }
    setPending(false);
    if (res.status === 409) {
      router.replace("/sign-in");
      return;
    }
    if (res.status === 403) {
      setErrors({ code: "That is not the setup code in the server log." });
      document.getElementById("setup-code")?.focus();
      return;
    }
    setErrors({ form: res.detail ?? "The account could not be created." });
  };

  return (
    <Form onSubmit={submit} className="grid gap-4">
      <TextField
        id="setup-code"
        label="Setup code"
        error={errors.code}
        help="Touchline printed it in the server’s log when it started (look for “setup code”). It proves you run this server."
        autoComplete="off"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoFocus
        placeholder="XXXX-XXXX-XXXX"
        className="font-mono uppercase"
      />
      <EmailField id="setup-email" error={errors.email} value={email} onChange={(e) => setEmail(e.target.value)} />
      <NewPasswordFields idPrefix="setup" {...newPassword} errors={errors} />
      <ErrorAlert>{errors.form}</ErrorAlert>
      <PendingButton type="submit" size="lg" pending={pending} className="w-full">
        Create admin account
      </PendingButton>
    </Form>
  );
}
