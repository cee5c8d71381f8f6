import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ApiToken, AuditEntry } from "@/lib/model/auth";
import type { Connection } from "@/lib/model/connection";

// One queryOptions factory per feature; keys from generic to specific. ["connections"]
// is shared with the header's workspace status, so a change here updates it too.

export const settingsKeys = {
  connections: ["connections"] as const,
  tokens: ["tokens"] as const,
  audit: (connectionId?: string) => ["audit", connectionId ?? "all"] as const,
};

export const connectionsQueryOptions = (initial?: Connection[]) =>
  queryOptions({
    queryKey: settingsKeys.connections,
    queryFn: () => apiFetch<{ data: Connection[] }>("/connections").then((r) => r.data),
    ...(initial ? { initialData: initial } : {}),
    // Live while a sync runs (progress bar); calm otherwise.
    refetchInterval: (q) => ((q.state.data ?? []).some((c) => c.sync.state === "running") ? 1_500 : 30_000),
  });

export const tokensQueryOptions = (initial?: ApiToken[]) =>
  queryOptions({
    queryKey: settingsKeys.tokens,
    queryFn: () => apiFetch<{ data: ApiToken[] }>("/tokens").then((r) => r.data),
    ...(initial ? { initialData: initial } : {}),
  });

/** PATCH /connections/{id} with the part of updateConnectionSchema's body that changes (label, key, history). */
export const patchConnection = (id: string, body: Record<string, unknown>) =>
  apiFetch(`/connections/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(body) });

type AuditPage = { data: AuditEntry[]; nextCursor: string | null };

export const auditQueryOptions = (initial?: AuditPage) =>
  infiniteQueryOptions({
    queryKey: settingsKeys.audit(),
    queryFn: ({ pageParam }) =>
      apiFetch<AuditPage>(`/audit?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...(initial ? { initialData: { pages: [initial], pageParams: [null] } } : {}),
    refetchInterval: 30_000,
  });
