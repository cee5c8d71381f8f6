"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, UserPlus } from "lucide-react";
import { useState } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import {
  ASSIGNABLE_ROLES,
  type AssignableRole,
  INVITE_DEFAULT_DAYS,
  ROLE_HELP,
  ROLE_LABELS,
} from "@/lib/model/plain/roles";
import type { CreatedLink } from "@/lib/model/team";
import { CopyLink } from "./copy-link";
import { teamKeys } from "./queries";

export const selectClass =
  "h-9 rounded-md border bg-background px-2.5 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring";

/** Invite someone: a role and an expiry → a one-time link to copy and hand over. */
export function InviteForm() {
  const qc = useQueryClient();
  const [role, setRole] = useState<AssignableRole>("member");
  const [days, setDays] = useState(INVITE_DEFAULT_DAYS);
  const [created, setCreated] = useState<CreatedLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () =>
      apiFetch<CreatedLink>("/invites", { method: "POST", body: JSON.stringify({ role, expiresInDays: days }) }),
    onSuccess: (link) => {
      setCreated(link);
      setError(null);
      void qc.invalidateQueries({ queryKey: teamKeys.invites });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
    onError: (err) => setError(problemMessage(err)),
  });
  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate();
        }}
      >
        <div className="space-y-1.5">
          <label htmlFor="invite-role" className="text-sm font-medium">
            Role
          </label>
          <select
            id="invite-role"
            className={`${selectClass} block`}
            value={role}
            onChange={(e) => setRole(e.target.value as AssignableRole)}
            aria-describedby="invite-role-help"
          >
            {ASSIGNABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="invite-days" className="text-sm font-medium">
            Link works for
          </label>
          <select
            id="invite-days"
            className={`${selectClass} block`}
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          >
            {[1, 3, 7, 14, 30].map((d) => (
              <option key={d} value={d}>
                {d} day{d === 1 ? "" : "s"}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <UserPlus aria-hidden />} Create invite
          link
        </Button>
        <p id="invite-role-help" className="w-full text-xs text-muted-foreground">
          {ROLE_LABELS[role]}: {ROLE_HELP[role]}
        </p>
        {error ? (
          <p role="alert" className="w-full text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </form>
      {created ? (
        <CopyLink
          title={`Invite link for a new ${ROLE_LABELS[created.role ?? "viewer"].toLowerCase()}`}
          help="Copy it and send it to the person you invite. It works once, and it is not shown again."
          url={created.url}
          label="Invite link"
          onDone={() => setCreated(null)}
        />
      ) : null}
    </div>
  );
}
