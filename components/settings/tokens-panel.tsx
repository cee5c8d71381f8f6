"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Trash2 } from "@/components/ui/icons";
import { ShownOnce } from "@/components/ui/shown-once";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { settingsKeys, tokensQueryOptions } from "@/components/connections/queries";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/native-select";
import { PendingButton } from "@/components/ui/pending-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SectionHeading } from "@/components/ui/section-heading";
import { TableHead, Td } from "@/components/ui/table-head";
import { Form } from "@/components/ui/form";
import { apiFetch } from "@/lib/client/api";
import type { ApiToken, CreatedToken } from "@/lib/model/auth";
import { TOKEN_DEFAULT_DAYS, TOKEN_SCOPE_LABELS, TOKEN_SCOPES, type TokenScope } from "@/lib/model/plain/roles";

const EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: String(TOKEN_DEFAULT_DAYS), label: `${TOKEN_DEFAULT_DAYS} days` },
  { value: "365", label: "1 year" },
];

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
      <SectionHeading id="tokens-heading" title="API tokens" className="max-w-2xl">
        For scripts and integrations: send a token as{" "}
        <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">Authorization: Bearer tl_…</code> to any{" "}
        <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">/api/v1</code> route. A token acts as the
        person who created it and never does more than their role allows: <strong>read only</strong> tokens only read,{" "}
        <strong>read and sync</strong> tokens also start syncs and refreshes, and a token can never create another
        token. Touchline keeps only a hash: a token is shown once, when it is created.
      </SectionHeading>

      <Form
        className="flex max-w-2xl flex-wrap items-start gap-2 rounded-xl border bg-card p-4"
        onSubmit={() => {
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
        <TextField
          id="token-name"
          label="Token name"
          error={error}
          fieldClassName="min-w-64 flex-1"
          ref={nameRef}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Nightly CSV export"
          maxLength={80}
        />
        <SelectField
          id="token-scope"
          label="Scope"
          options={TOKEN_SCOPES.map((s) => ({ value: s, label: TOKEN_SCOPE_LABELS[s] }))}
          value={scope}
          onChange={(e) => setScope(e.target.value as TokenScope)}
        />
        <SelectField
          id="token-expiry"
          label="Expires after"
          options={EXPIRY_CHOICES}
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
        >
          {admin ? <option value="never">Never</option> : null}
        </SelectField>
        <PendingButton
          type="submit"
          className="mt-[1.625rem]"
          pending={create.isPending}
          icon={<KeyRound aria-hidden />}
        >
          Create token
        </PendingButton>
      </Form>

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
                "Name",
                "Scope",
                "Created by",
                "Created",
                "Expires",
                "Last used",
                { label: "Actions", srOnly: true },
              ]}
            />
            <tbody className="divide-y">
              {data.map((t) => (
                <tr key={t.id}>
                  <Td className="font-medium">{t.name}</Td>
                  <Td muted>{TOKEN_SCOPE_LABELS[t.scope]}</Td>
                  <Td muted>{t.createdBy ?? "—"}</Td>
                  <Td muted>
                    <RelativeTime iso={t.createdAt} />
                  </Td>
                  <Td muted>{t.expiresAt ? <RelativeTime iso={t.expiresAt} /> : "Never"}</Td>
                  <Td muted>{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "Never"}</Td>
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
