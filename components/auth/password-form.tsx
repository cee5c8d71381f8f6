"use client";

import { Loader2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN_LENGTH } from "@/lib/model/plain/auth";
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
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Fields>({});
  const [pending, setPending] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // The schemas' rules, by hand (zod stays out of the page); the route parses with them.
    const next: Fields = {};
    const address = email.trim();
    if (join && (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) || address.length > 320))
      next.email = "Enter a valid email address.";
    if (join && name.trim().length > 120) next.name = "Use at most 120 characters.";
    if (password.length < PASSWORD_MIN_LENGTH) next.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    else if (password.length > 1024) next.password = "Use at most 1024 characters.";
    if (password !== confirm) next.confirm = "The two passwords differ.";
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

  const field = (key: keyof Fields, label: string, input: React.ReactNode, help?: string) => (
    <div className="space-y-1.5">
      <label htmlFor={`link-${key}`} className="text-sm font-medium">
        {label}
      </label>
      {input}
      {errors[key] ? (
        <p id={`link-${key}-error`} role="alert" className="text-sm text-destructive">
          {errors[key]}
        </p>
      ) : help ? (
        <p id={`link-${key}-help`} className="text-xs text-muted-foreground">
          {help}
        </p>
      ) : null}
    </div>
  );
  const described = (key: keyof Fields, help = false) =>
    errors[key] ? `link-${key}-error` : help ? `link-${key}-help` : undefined;

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      {join
        ? field(
            "email",
            "Email",
            <Input
              id="link-email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoFocus
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={described("email")}
            />,
          )
        : null}
      {join
        ? field(
            "name",
            "Your name",
            <Input
              id="link-name"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={described("name", true)}
            />,
            `Shown to your team, and used to propose your users in ${vendorNames()}.`,
          )
        : null}
      {field(
        "password",
        join ? "Password" : "New password",
        <Input
          id="link-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoFocus={!join}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={described("password", true)}
        />,
        `At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of a few words is easiest to remember.`,
      )}
      {field(
        "confirm",
        "Repeat the password",
        <Input
          id="link-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={described("confirm")}
        />,
      )}
      {errors.form ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {errors.form}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : null} {submitLabel}
      </Button>
    </form>
  );
}
