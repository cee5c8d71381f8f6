"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link2, Sparkles } from "@/components/ui/icons";
import Link from "next/link";
import { useMemo, useState } from "react";
import { problemMessage } from "@/components/connections/api-key-field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PendingButton } from "@/components/ui/pending-button";
import { SectionHeading } from "@/components/ui/section-heading";
import { VendorBadge } from "@/components/ui/vendor-badge";
import { Form } from "@/components/ui/form";
import { apiFetch } from "@/lib/client/api";
import { ROLE_LABELS, type Role } from "@/lib/model/plain/roles";
import type { Identity, IdentityOption } from "@/lib/model/team";
import { VENDOR_LABELS, VENDORS, type Vendor } from "@/lib/model/vendor";
import { identityOptionsQueryOptions, teamKeys } from "./queries";
import { vendorMeta, vendorNames } from "@/lib/vendors/metas";

const key = (o: { vendor: string; vendorUserId: string }) => `${o.vendor}\u0000${o.vendorUserId}`;
const short = (id: string) => (id.length > 14 ? `${id.slice(0, 10)}…` : id);
const SHOWN = 8;

/**
 * Settings → Profile: who you are in each vendor. Touchline proposes the vendor users whose
 * email (or name) is yours; you confirm, or pick others. "Assigned to me" on the tasks page
 * and `assignee=me` in the API use these links.
 */
export function IdentitiesPanel({
  me,
  linked,
  initialOptions,
}: {
  me: { email: string; name: string | null; role: Role };
  linked: Identity[];
  initialOptions: IdentityOption[];
}) {
  const qc = useQueryClient();
  const { data: options = initialOptions } = useQuery(identityOptionsQueryOptions(initialOptions));
  const suggested = useMemo(() => options.filter((o) => o.match && !o.linkedTo), [options]);
  const [selected, setSelected] = useState<Set<string>>(() => new Set((linked.length ? linked : suggested).map(key)));
  const [expanded, setExpanded] = useState<Set<Vendor>>(new Set());
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ identities: Identity[] }>("/me/identities", {
        method: "PUT",
        body: JSON.stringify({
          identities: options
            .filter((o) => selected.has(key(o)))
            .map((o) => ({ vendor: o.vendor, vendorUserId: o.vendorUserId })),
        }),
      }),
    onSuccess: () => {
      setSaved(true);
      setError(null);
      void qc.invalidateQueries({ queryKey: teamKeys.options });
      void qc.invalidateQueries({ queryKey: ["tasks"] });
    },
    onError: (err) => setError(problemMessage(err)),
  });
  const toggle = (k: string) => {
    setSaved(false);
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  };
  const byVendor = VENDORS.map((v) => ({ vendor: v, list: options.filter((o) => o.vendor === v) })).filter(
    (g) => g.list.length,
  );

  return (
    <section aria-labelledby="profile-heading" className="space-y-6">
      <SectionHeading id="profile-heading" title={me.name || me.email}>
        {me.email} · {ROLE_LABELS[me.role]}
      </SectionHeading>
      <div className="space-y-1">
        <h3 className="text-base font-semibold">You in each vendor</h3>
        <p className="max-w-2xl text-sm text-muted-foreground">
          Pick the users that are you in {vendorNames((m) => m.userNoun === "user")} and the{" "}
          {vendorNames((m) => m.userNoun === "sending mailbox")} mailboxes you send from. Tasks assigned to them are
          yours: the tasks page’s{" "}
          <Link href="/tasks?assignee=me" className="text-primary underline underline-offset-4">
            Assigned to me
          </Link>{" "}
          view and <code className="rounded bg-muted px-1 font-mono text-xs">assignee=me</code> in the API.
          {linked.length === 0 && suggested.length
            ? " Touchline checked the ones whose email or name matches yours — confirm with Save."
            : ""}
        </p>
      </div>
      {byVendor.length === 0 ? (
        <EmptyState icon={Link2} title="No vendor users known yet">
          Touchline learns who the users are from the vendors’ user listings and from synced tasks and activities. Come
          back after the first sync.
        </EmptyState>
      ) : (
        <Form
          className="space-y-5"
          onSubmit={() => {
            save.mutate();
          }}
        >
          <div className="grid gap-4 lg:grid-cols-2">
            {byVendor.map(({ vendor, list }) => {
              const all = expanded.has(vendor);
              const visible = all ? list : list.filter((o, i) => i < SHOWN || selected.has(key(o)));
              return (
                <fieldset key={vendor} className="min-w-0 rounded-xl border bg-card p-4">
                  <legend className="px-1">
                    <VendorBadge vendor={vendor} />
                  </legend>
                  <ul className="space-y-1">
                    {visible.map((o) => {
                      const k = key(o);
                      const id = `ident-${vendor}-${o.vendorUserId}`.replace(/[^\w-]/g, "_");
                      return (
                        <li key={k} className="flex items-center gap-2.5 rounded-md px-1 py-1 hover:bg-muted/60">
                          <input
                            id={id}
                            type="checkbox"
                            className="size-4 accent-primary"
                            checked={selected.has(k)}
                            disabled={!!o.linkedTo}
                            onChange={() => toggle(k)}
                          />
                          <label htmlFor={id} className="min-w-0 flex-1 text-sm">
                            <span className="font-medium">
                              {o.name ?? o.email ?? `${VENDOR_LABELS[vendor]} user ${short(o.vendorUserId)}`}
                            </span>
                            <span className="block truncate text-xs text-muted-foreground">
                              {o.email && o.name ? `${o.email} · ` : ""}
                              {vendorMeta(vendor).userNoun === "sending mailbox"
                                ? "sending mailbox"
                                : `${o.openTasks} open task${o.openTasks === 1 ? "" : "s"}`}
                              {o.linkedTo ? ` · linked to ${o.linkedTo}` : ""}
                              {o.source === "listing" ? " · from the team listing" : ""}
                            </span>
                          </label>
                          {o.match ? (
                            <Badge
                              variant="default"
                              title={o.match === "email" ? "Same email as yours" : "Same name as yours"}
                            >
                              <Sparkles aria-hidden /> Suggested
                            </Badge>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                  {list.length > visible.length ? (
                    <Button
                      type="button"
                      size="sm"
                      variant="link"
                      className="mt-1 px-1"
                      onClick={() => setExpanded((s) => new Set(s).add(vendor))}
                    >
                      Show all {list.length}
                    </Button>
                  ) : null}
                </fieldset>
              );
            })}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <PendingButton type="submit" pending={save.isPending} icon={<Link2 aria-hidden />}>
              Save my vendor users
            </PendingButton>
            <span className="text-sm text-muted-foreground">{selected.size} selected</span>
            {saved ? (
              <span role="status" className="text-sm text-success">
                Saved.{" "}
                <Link href="/tasks?assignee=me" className="underline underline-offset-4">
                  See your tasks
                </Link>
              </span>
            ) : null}
            {error ? (
              <span role="alert" className="text-sm text-destructive">
                {error}
              </span>
            ) : null}
          </div>
        </Form>
      )}
    </section>
  );
}
