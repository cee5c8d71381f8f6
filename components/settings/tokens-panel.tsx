"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Loader2, Trash2 } from "lucide-react";
import { ShownOnce } from "@/components/ui/shown-once";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { settingsKeys, tokensQueryOptions } from "@/components/connections/queries";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableHead } from "@/components/ui/table-head";
import { apiFetch } from "@/lib/client/api";
import type { ApiToken, CreatedToken } from "@/lib/model/auth";
import { TOKEN_DEFAULT_DAYS, TOKEN_SCOPE_LABELS, TOKEN_SCOPES, type TokenScope } from "@/lib/model/plain/roles";

const EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: String(TOKEN_DEFAULT_DAYS), label: `${TOKEN_DEFAULT_DAYS} days` },
  { value: "365", label: "1 year" },
];
const select =
  "h-9 rounded-md border bg-background px-2.5 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring";

// The revoke confirmation (Radix AlertDialog) loads when a Revoke button is hovered, focused or pressed.
const loadRevokeDialog = () => import("./revoke-token-dialog");
const RevokeDialog = dynamic(() => import("./revoke-token-dialog").then((m) => m.RevokeDialog));

/** API tokens for scripts: create (shown once, with a copy button), list, revoke. */
export function TokensPanel({ initial, admin }: { initial: ApiToken[]; admin: boolean }) {
  const { data = initial } = useQuery(tokensQueryOptions(initial));
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<TokenScope>("read");
  const [expiry, setExpiry] = useState(String(TOKEN_DEFAULT_DAYS));
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const revokeButton = useRef<HTMLButtonElement | null>(null);

  const create = useMutation({
    mutationFn: (n: string) =>
      apiFetch<CreatedToken>("/tokens", {
        method: "POST",
        body: JSON.stringify({ name: n, scope, expiresInDays: expiry === "never" ? null : Number(expiry) }),
      }),
    onSuccess: (tok) => {
      setCreated(tok);
      setName("");
      void qc.invalidateQueries({ queryKey: settingsKeys.tokens });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
    onError: (err) => setError(problemMessage(err)),
  });

  return (
    <section aria-labelledby="tokens-heading" className="space-y-6">
      <div className="space-y-1">
        <h2 id="tokens-heading" className="text-lg font-semibold tracking-tight">
          API tokens
        </h2>
        <p className="max-w-2xl text-sm text-muted-foreground">
          For scripts and integrations: send a token as{" "}
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">Authorization: Bearer tl_…</code> to any{" "}
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">/api/v1</code> route. A token acts as the
          person who created it and never does more than their role allows: <strong>read only</strong> tokens only read,{" "}
          <strong>read and sync</strong> tokens also start syncs and refreshes, and a token can never create another
          token. Touchline keeps only a hash: a token is shown once, when it is created.
        </p>
      </div>

      <form
        className="flex max-w-2xl flex-wrap items-start gap-2 rounded-xl border bg-card p-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // createTokenSchema's rule, by hand: zod stays out of the page (the route parses with it).
          const tokenName = name.trim();
          if (tokenName.length < 1 || tokenName.length > 80) {
            setError("Give the token a name, e.g. what script will use it.");
            nameRef.current?.focus();
            return;
          }
          setError(null);
          create.mutate(tokenName);
        }}
      >
        <div className="min-w-64 flex-1 space-y-1.5">
          <label htmlFor="token-name" className="text-sm font-medium">
            Token name
          </label>
          <Input
            id="token-name"
            ref={nameRef}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Nightly CSV export"
            maxLength={80}
            aria-invalid={error ? true : undefined}
          />
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <label htmlFor="token-scope" className="text-sm font-medium">
            Scope
          </label>
          <select
            id="token-scope"
            className={`${select} block`}
            value={scope}
            onChange={(e) => setScope(e.target.value as TokenScope)}
          >
            {TOKEN_SCOPES.map((s) => (
              <option key={s} value={s}>
                {TOKEN_SCOPE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="token-expiry" className="text-sm font-medium">
            Expires after
          </label>
          <select
            id="token-expiry"
            className={`${select} block`}
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
          >
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
            {admin ? <option value="never">Never</option> : null}
          </select>
        </div>
        <Button type="submit" className="mt-[1.625rem]" disabled={create.isPending}>
          {create.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />} Create token
        </Button>
      </form>

      {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : null}

      {data.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API tokens">
          Create one above when a script needs to read Touchline’s data.
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-xl border bg-card">
          <table className="w-full text-sm">
            <caption className="sr-only">API tokens</caption>
            <TableHead
              className="border-b text-left text-xs text-muted-foreground"
              cells={[
                { label: "Name" },
                { label: "Scope" },
                { label: "Created by" },
                { label: "Created" },
                { label: "Expires" },
                { label: "Last used" },
                { label: "Actions", srOnly: true },
              ]}
            />
            <tbody className="divide-y">
              {data.map((t) => (
                <tr key={t.id}>
                  <td className="px-4 py-2.5 font-medium">{t.name}</td>
                  <td className="px-4 py-2.5 text-muted-foreground">{TOKEN_SCOPE_LABELS[t.scope]}</td>
                  <td className="px-4 py-2.5 text-muted-foreground">{t.createdBy ?? "—"}</td>
                  <td className="px-4 py-2.5 text-muted-foreground">
                    <RelativeTime iso={t.createdAt} />
                  </td>
                  <td className="px-4 py-2.5 text-muted-foreground">
                    {t.expiresAt ? <RelativeTime iso={t.expiresAt} /> : "Never"}
                  </td>
                  <td className="px-4 py-2.5 text-muted-foreground">
                    {t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "Never"}
                  </td>
                  <td className="px-4 py-1.5 text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-destructive hover:bg-destructive/10"
                      onClick={(e) => {
                        revokeButton.current = e.currentTarget;
                        setRevoking(t);
                      }}
                      onPointerEnter={() => void loadRevokeDialog()}
                      onFocus={() => void loadRevokeDialog()}
                      aria-haspopup="dialog"
                      aria-label={`Revoke ${t.name}`}
                    >
                      <Trash2 aria-hidden /> Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking ? <RevokeDialog token={revoking} onClose={() => setRevoking(null)} opener={revokeButton} /> : null}
    </section>
  );
}

function NewToken({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <ShownOnce
      title={<>Token “{token.name}” created</>}
      help="Copy it now and keep it somewhere safe: it will not be shown again."
      value={token.token}
      label="New API token"
      onDone={onDone}
    />
  );
}
