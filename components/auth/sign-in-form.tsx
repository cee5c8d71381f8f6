"use client";

import { useRef, useState } from "react";
import { TextField } from "@/components/ui/form-field";
import { ErrorAlert } from "@/components/ui/form-message";
import { PendingButton } from "@/components/ui/pending-button";
import { Form } from "@/components/ui/form";
import { EmailField } from "./account-fields";
import { postJson } from "./post-json";

export function SignInForm({ next }: { next: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    // signInSchema's rule, by hand (zod stays out of the page); the route parses with it.
    if (!email.trim() || !password) {
      setError(email.trim() ? "Enter your password." : "Enter your email and password.");
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    const res = await postJson("/session", { email: email.trim(), password });
    if (res.ok) {
      // A full load, so every server component renders with the new session.
      window.location.assign(next);
      return;
    }
    setPending(false);
    setPassword("");
    setError(res.detail);
    passwordRef.current?.focus();
  };

  return (
    <Form onSubmit={submit} className="grid gap-4">
      <EmailField
        id="email"
        ref={emailRef}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        autoFocus
        required
      />
      <TextField
        id="password"
        label="Password"
        ref={passwordRef}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        // The form's error (below the button) describes the password: it is the field to retry.
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "sign-in-error" : undefined}
      />
      <ErrorAlert id="sign-in-error">{error}</ErrorAlert>
      <PendingButton type="submit" size="lg" pending={pending} className="w-full">
        Sign in
      </PendingButton>
    </Form>
  );
}
