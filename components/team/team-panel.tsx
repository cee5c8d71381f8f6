"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Crown, KeyRound, Trash2, UserCheck, UserX } from "@/components/ui/icons";
import { useState } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/form-message";
import { NativeSelect } from "@/components/ui/native-select";
import { PendingButton } from "@/components/ui/pending-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SectionHeading } from "@/components/ui/section-heading";
import { TableHead, Td } from "@/components/ui/table-head";
import { apiFetch } from "@/lib/client/api";
import { cn } from "@/lib/utils";
import { type AssignableRole, ROLE_LABELS, type Role } from "@/lib/model/plain/roles";
import type { CreatedLink, Invite, UserSummary } from "@/lib/model/team";
import { CopyLink } from "./copy-link";
import { InviteForm, ROLE_OPTIONS } from "./invite-form";
import { invitesQueryOptions, usersQueryOptions } from "./queries";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** Settings → Team: invite, change roles, deactivate, remove, reset a password, hand on ownership. */
export function TeamPanel({
  me,
  initialUsers,
  initialInvites,
}: {
  me: { id: string; role: Role };
  initialUsers: UserSummary[];
  initialInvites: Invite[];
}) {
  const qc = useQueryClient();
  const { data: users = initialUsers } = useQuery(usersQueryOptions(initialUsers));
  const { data: invites = initialInvites } = useQuery(invitesQueryOptions(initialInvites));
  const [error, setError] = useState<string | null>(null);
  const [reset, setReset] = useState<{ email: string; link: CreatedLink } | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["team"] });
    void qc.invalidateQueries({ queryKey: ["audit"] });
  };
  const act = useMutation({
    mutationFn: async (a: {
      kind: "patch" | "remove" | "reset" | "owner" | "withdraw";
      user?: UserSummary;
      id?: string;
      body?: unknown;
    }) => {
      if (a.kind === "patch")
        return apiFetch(`/users/${a.user!.id}`, { method: "PATCH", body: JSON.stringify(a.body) });
      if (a.kind === "remove") return apiFetch(`/users/${a.user!.id}`, { method: "DELETE" });
      if (a.kind === "owner")
        return apiFetch("/ownership", { method: "POST", body: JSON.stringify({ userId: a.user!.id }) });
      if (a.kind === "withdraw") return apiFetch(`/invites/${a.id}`, { method: "DELETE" });
      const link = await apiFetch<CreatedLink>(`/users/${a.user!.id}/password-reset`, { method: "POST" });
      setReset({ email: a.user!.email, link });
      return link;
    },
    onSuccess: (_r, a) => {
      setError(null);
      refresh();
      if (a.kind === "owner") window.location.reload();
    },
    onError: (err) => setError(problemMessage(err)),
  });
  const canTouch = (u: UserSummary) => u.id !== me.id && u.role !== "owner";
  // Open invitations; an expired one drops off at the next refetch (the server says what is used).
  const [loadedAt] = useState(() => Date.now());
  const open = invites.filter((i) => !i.usedAt && Date.parse(i.expiresAt) > loadedAt);

  return (
    <section aria-labelledby="team-heading" className="space-y-6">
      <SectionHeading id="team-heading" title="Team" className="max-w-2xl">
        Invite people with a one-time link and a role. Admins manage connections, keys, users and tokens; members
        browse, sync and work their own tasks; viewers only read. Deactivating someone signs them out at once.
      </SectionHeading>
      <InviteForm />
      {reset ? (
        <CopyLink
          title={`Password reset link for ${reset.email}`}
          help="Send it to them. It works once, for 7 days; using it ends every session of that account."
          url={reset.link.url}
          label="Password reset link"
          onDone={() => setReset(null)}
        />
      ) : null}
      <ErrorAlert>{error}</ErrorAlert>

      <ScrollRegion label="People in this workspace" className="rounded-xl border bg-card">
        {/* Below `sm` each row is a card (person and role side by side, then last seen, then the
            actions), so a phone sees the role without scrolling sideways; the head stays for
            screen readers. */}
        <table className="w-full text-sm sm:min-w-[640px]">
          <caption className="sr-only">People in this workspace</caption>
          <TableHead
            className="border-b text-left text-xs text-muted-foreground max-sm:sr-only"
            cells={["Person", "Role", "Last seen", { label: "Actions", srOnly: true }]}
          />
          <tbody className="divide-y">
            {users.map((u) => (
              <tr
                key={u.id}
                data-user-email={u.email}
                className={cn(
                  "max-sm:grid max-sm:grid-cols-[minmax(0,1fr)_auto] max-sm:items-start",
                  !u.active && "text-muted-foreground",
                )}
              >
                <Td>
                  <div className="font-medium">{u.name || u.email}</div>
                  {u.name ? <div className="text-xs text-muted-foreground">{u.email}</div> : null}
                  {!u.active ? (
                    <Badge variant="muted" className="mt-1">
                      Deactivated
                    </Badge>
                  ) : null}
                  {u.id === me.id ? (
                    <Badge variant="outline" className="mt-1 ml-1">
                      You
                    </Badge>
                  ) : null}
                </Td>
                <Td>
                  {canTouch(u) ? (
                    <NativeSelect
                      options={ROLE_OPTIONS}
                      aria-label={`Role of ${u.email}`}
                      value={u.role}
                      disabled={act.isPending}
                      onChange={(e) =>
                        act.mutate({ kind: "patch", user: u, body: { role: e.target.value as AssignableRole } })
                      }
                    />
                  ) : (
                    <span className="inline-flex items-center gap-1">
                      {u.role === "owner" ? <Crown className="size-3.5 text-warning" aria-hidden /> : null}
                      {ROLE_LABELS[u.role]}
                    </span>
                  )}
                </Td>
                <Td muted className="max-sm:col-span-2 max-sm:pt-0">
                  <span className="sm:hidden">Last seen </span>
                  {u.lastSeenAt ? <RelativeTime iso={u.lastSeenAt} /> : "Never"}
                </Td>
                <td className="px-4 py-1.5 max-sm:col-span-2 max-sm:px-2 max-sm:pb-2.5">
                  {canTouch(u) ? (
                    <div className="flex flex-wrap justify-end gap-1 max-sm:justify-start">
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={act.isPending}
                        onClick={() => act.mutate({ kind: "patch", user: u, body: { active: !u.active } })}
                        aria-label={`${u.active ? "Deactivate" : "Reactivate"} ${u.email}`}
                      >
                        {u.active ? <UserX aria-hidden /> : <UserCheck aria-hidden />}{" "}
                        {u.active ? "Deactivate" : "Reactivate"}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={act.isPending || (me.role !== "owner" && u.role === "admin")}
                        onClick={() => act.mutate({ kind: "reset", user: u })}
                        aria-label={`Password reset link for ${u.email}`}
                      >
                        <KeyRound aria-hidden /> Reset password
                      </Button>
                      {me.role === "owner" && u.active ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={act.isPending}
                          onClick={() => {
                            if (window.confirm(`Make ${u.email} the owner? You become an admin.`))
                              act.mutate({ kind: "owner", user: u });
                          }}
                          aria-label={`Make ${u.email} the owner`}
                        >
                          <Crown aria-hidden /> Make owner
                        </Button>
                      ) : null}
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-destructive hover:bg-destructive/10"
                        disabled={act.isPending}
                        onClick={() => {
                          if (window.confirm(`Remove ${u.email}? Their sessions, tokens and links go with them.`))
                            act.mutate({ kind: "remove", user: u });
                        }}
                        aria-label={`Remove ${u.email}`}
                      >
                        <Trash2 aria-hidden /> Remove
                      </Button>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Open invitations</h3>
        {open.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            None. Links that were used or have expired drop off this list.
          </p>
        ) : (
          <ul className="divide-y rounded-xl border bg-card text-sm">
            {open.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5">
                <span className="font-medium">{ROLE_LABELS[i.role]}</span>
                <span className="text-muted-foreground">by {i.createdBy ?? "—"}</span>
                <span className="text-muted-foreground">
                  expires <RelativeTime iso={i.expiresAt} />
                </span>
                <PendingButton
                  size="sm"
                  variant="ghost"
                  className="ml-auto"
                  pending={act.isPending}
                  icon={<Trash2 aria-hidden />}
                  onClick={() => act.mutate({ kind: "withdraw", id: i.id })}
                  aria-label={`Withdraw the ${ROLE_LABELS[i.role].toLowerCase()} invitation`}
                >
                  Withdraw
                </PendingButton>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
