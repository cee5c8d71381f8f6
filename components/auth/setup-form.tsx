"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN_LENGTH } from "@/lib/model/plain/auth";
import { postJson } from "./post-json";

export function SetupForm() {
  const [code, setCode] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{
    code?: string;
    email?: string;
    password?: string;
    confirm?: string;
    form?: string;
  }>({});
  const [pending, setPending] = useState(false);
  const router = useRouter();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // setupSchema's rules, by hand (zod stays out of the page); the route parses with the
    // schema itself and its 400 shows as the form's error.
    const next: typeof errors = {};
    const address = email.trim();
    if (!code.trim()) next.code = "Enter the setup code from the server log.";
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) || address.length > 320)
      next.email = "Enter a valid email address.";
    if (password.length < PASSWORD_MIN_LENGTH) next.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    else if (password.length > 1024) next.password = "Use at most 1024 characters.";
    if (password !== confirm) next.confirm = "The two passwords differ.";
    setErrors(next);
    if (Object.keys(next).length) {
      document
        .getElementById(
          next.code ? "setup-code" : next.email ? "setup-email" : next.password ? "setup-password" : "setup-confirm",
        )
        ?.focus();
      return;
    }
    setPending(true);
    const res = await postJson("/setup", { email: address, password, setupCode: code.trim() });
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

  const field = (id: string, label: string, input: React.ReactNode, error?: string, help?: string) => (
    <div className="space-y-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {input}
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

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      {field(
        "setup-code",
        "Setup code",
        <Input
          id="setup-code"
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
          placeholder="XXXX-XXXX-XXXX"
          className="font-mono uppercase"
          aria-invalid={errors.code ? true : undefined}
          aria-describedby={errors.code ? "setup-code-error" : "setup-code-help"}
        />,
        errors.code,
        "Touchline printed it in the server’s log when it started (look for “setup code”). It proves you run this server.",
      )}
      {field(
        "setup-email",
        "Email",
        <Input
          id="setup-email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "setup-email-error" : undefined}
        />,
        errors.email,
      )}
      {field(
        "setup-password",
        "Password",
        <Input
          id="setup-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "setup-password-error" : "setup-password-help"}
        />,
        errors.password,
        `At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of a few words is easiest to remember.`,
      )}
      {field(
        "setup-confirm",
        "Repeat the password",
        <Input
          id="setup-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={errors.confirm ? "setup-confirm-error" : undefined}
        />,
        errors.confirm,
      )}
      {errors.form ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {errors.form}
        </p>
      ) : null}
      <Button type="submit" size="lg" disabled={pending} className="w-full">
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : null} Create admin account
      </Button>
    </form>
  );
}
