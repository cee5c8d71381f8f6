"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LogOut, Monitor } from "@/components/ui/icons";
import { useState } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorText, StatusText } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { PendingButton } from "@/components/ui/pending-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SectionHeading } from "@/components/ui/section-heading";
import { Form } from "@/components/ui/form";
import { apiFetch } from "@/lib/client/api";
import { PASSWORD_MIN_LENGTH } from "@/lib/model/plain/auth";
import type { SessionInfo } from "@/lib/model/team";
import { sessionsQueryOptions, teamKeys } from "./queries";

/** Settings → Security: your sessions (sign out one, or everywhere else) and your password. */
export function SecurityPanel({ initial }: { initial: SessionInfo[] }) {
  const qc = useQueryClient();
  const { data = initial } = useQuery(sessionsQueryOptions(initial));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (id: string | null) =>
      apiFetch(id ? `/sessions/${encodeURIComponent(id)}` : "/sessions", { method: "DELETE" }),
    onSuccess: (_r, id) => {
      setError(null);
      setDone(id ? "That session has ended." : "Every other session has ended.");
      void qc.invalidateQueries({ queryKey: teamKeys.sessions });
    },
    onError: (err) => setError(problemMessage(err)),
  });
  const others = data.filter((s) => !s.current).length;

  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="sessions-heading" className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <SectionHeading id="sessions-heading" title="Your sessions" className="max-w-xl">
            Where you are signed in. A session ends after 7 days without use, and 30 days after signing in.
          </SectionHeading>
          <PendingButton
            variant="secondary"
            pending={end.isPending}
            icon={<LogOut aria-hidden />}
            disabled={others === 0}
            onClick={() => end.mutate(null)}
          >
            Sign out everywhere else
          </PendingButton>
        </div>
        <StatusText>{done}</StatusText>
        <ErrorText>{error}</ErrorText>
        <ul className="divide-y rounded-xl border bg-card">
          {data.map((s) => (
            <li
              key={s.id}
              data-session-id={s.id}
              className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm"
            >
              <Monitor className="size-4 shrink-0 text-muted-foreground" aria-hidden />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2 font-medium">
                  {s.browser ?? "Unknown browser"}
                  {s.current ? <Badge variant="success">This session</Badge> : null}
                </div>
                <div className="text-xs text-muted-foreground">
                  {s.ip ?? "unknown address"} · last seen <RelativeTime iso={s.lastSeenAt} /> · signed in{" "}
                  <RelativeTime iso={s.createdAt} />
                </div>
              </div>
              {s.current ? null : (
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={end.isPending}
                  onClick={() => end.mutate(s.id)}
                  aria-label={`Sign out ${s.browser ?? "this session"} (${s.ip ?? "unknown address"})`}
                >
                  <LogOut aria-hidden /> Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <PasswordChange onChanged={() => void qc.invalidateQueries({ queryKey: teamKeys.sessions })} />
    </div>
  );
}

function PasswordChange({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      apiFetch("/me/password", {
        method: "POST",
        body: JSON.stringify({ currentPassword: current, newPassword: next }),
      }),
    onSuccess: () => {
      setOk(true);
      setError(null);
      setCurrent("");
      setNext("");
      setConfirm("");
      onChanged();
    },
    onError: (err) => setError(problemMessage(err)),
  });
  const fields = [
    { label: "Current password", autoComplete: "current-password", value: current, onChange: setCurrent },
    { label: "New password", autoComplete: "new-password", value: next, onChange: setNext },
    { label: "Repeat the new password", autoComplete: "new-password", value: confirm, onChange: setConfirm },
  ];
  return (
    <section aria-labelledby="password-heading" className="min-w-0 space-y-4">
      <SectionHeading id="password-heading" title="Password">
        Changing it signs you out everywhere else.
      </SectionHeading>
      <Form
        className="grid gap-3 rounded-xl border bg-card p-4"
        onSubmit={() => {
          setOk(false);
          if (!current) return setError("Enter your current password.");
          if (next.length < PASSWORD_MIN_LENGTH)
            return setError(`Use at least ${PASSWORD_MIN_LENGTH} characters for the new password.`);
          if (next !== confirm) return setError("The two new passwords differ.");
          change.mutate();
        }}
      >
        {fields.map((f) => (
          <label key={f.label} className="grid gap-1.5 text-sm font-medium">
            {f.label}
            <Input
              type="password"
              autoComplete={f.autoComplete}
              value={f.value}
              onChange={(e) => f.onChange(e.target.value)}
            />
          </label>
        ))}
        <ErrorText>{error}</ErrorText>
        <StatusText>{ok ? "Password changed. Your other sessions have ended." : null}</StatusText>
        <PendingButton type="submit" pending={change.isPending} className="justify-self-start">
          Change password
        </PendingButton>
      </Form>
    </section>
  );
}
