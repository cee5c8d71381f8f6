import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { Identity, IdentityOption, Invite, SessionInfo, UserSummary } from "@/lib/model/team";

// The team's and the signed-in user's data, one queryOptions factory each.
export const teamKeys = {
  users: ["team", "users"] as const,
  invites: ["team", "invites"] as const,
  sessions: ["me", "sessions"] as const,
  identities: ["me", "identities"] as const,
  options: ["me", "identity-options"] as const,
};

export const usersQueryOptions = (initial?: UserSummary[]) =>
  queryOptions({
    queryKey: teamKeys.users,
    queryFn: () => apiFetch<{ data: UserSummary[] }>("/users").then((r) => r.data),
    ...(initial ? { initialData: initial } : {}),
  });

export const invitesQueryOptions = (initial?: Invite[]) =>
  queryOptions({
    queryKey: teamKeys.invites,
    queryFn: () => apiFetch<{ data: Invite[] }>("/invites").then((r) => r.data),
    ...(initial ? { initialData: initial } : {}),
  });

export const sessionsQueryOptions = (initial?: SessionInfo[]) =>
  queryOptions({
    queryKey: teamKeys.sessions,
    queryFn: () => apiFetch<{ data: SessionInfo[] }>("/sessions").then((r) => r.data),
    ...(initial ? { initialData: initial } : {}),
    refetchInterval: 60_000,
  });

export const identityOptionsQueryOptions = (initial?: IdentityOption[]) =>
  queryOptions({
    queryKey: teamKeys.options,
    queryFn: () => apiFetch<{ data: IdentityOption[] }>("/me/identity-options").then((r) => r.data),
    ...(initial ? { initialData: initial } : {}),
  });

export type { Identity };
