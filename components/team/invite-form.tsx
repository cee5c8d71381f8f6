"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "@/components/ui/icons";
import { useState } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { ErrorText } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/native-select";
import { PendingButton } from "@/components/ui/pending-button";
import { Form } from "@/components/ui/form";
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

/** The roles an invitation or a role change can give, for a select. */
export const ROLE_OPTIONS = ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

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
      <Form
        className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4"
        onSubmit={() => {
          invite.mutate();
        }}
      >
        <SelectField
          id="invite-role"
          label="Role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(e) => setRole(e.target.value as AssignableRole)}
          aria-describedby="invite-role-help"
        />
        <SelectField
          id="invite-days"
          label="Link works for"
          options={[1, 3, 7, 14, 30].map((d) => ({ value: d, label: `${d} day${d === 1 ? "" : "s"}` }))}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        />
        <PendingButton type="submit" pending={invite.isPending} icon={<UserPlus aria-hidden />}>
          Create invite link
        </PendingButton>
        <p id="invite-role-help" className="w-full text-xs text-muted-foreground">
          {ROLE_LABELS[role]}: {ROLE_HELP[role]}
        </p>
        <ErrorText className="w-full">{error}</ErrorText>
      </Form>
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
