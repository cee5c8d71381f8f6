"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Plug, X } from "@/components/ui/icons";
import { useEffect, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { Connection } from "@/lib/model/connection";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { AddConnectionButton } from "./add-connection";
import { ConnectionCard } from "./connection-card";
import { connectionsQueryOptions } from "./queries";
import { vendorNames } from "@/lib/vendors/metas";

/** Settings → Connections: one card per connection, live while syncing. */
export function ConnectionsPanel({ initial }: { initial: Connection[] }) {
  const { data = initial } = useQuery(connectionsQueryOptions(initial));
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(id);
  }, [notice]);

  const onConnected = (c: Connection) =>
    setNotice(`${VENDOR_LABELS[c.vendor]} connected: the key was accepted and the first sync has started.`);

  return (
    <section aria-labelledby="connections-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h2 id="connections-heading" className="text-lg font-semibold tracking-tight">
            Connections
          </h2>
          <p className="text-sm text-muted-foreground">
            Vendor API keys are tested before they are saved, encrypted at rest, and never sent back to a browser.
          </p>
        </div>
        {data.length ? <AddConnectionButton onConnected={onConnected} /> : null}
      </div>

      <div aria-live="polite" role="status" className="min-h-0">
        {notice ? (
          <p className="flex items-center gap-2 rounded-lg border border-success/30 bg-success/10 px-3 py-2 text-sm">
            <CheckCircle2 className="size-4 text-success" aria-hidden />
            <span className="flex-1">{notice}</span>
            <button
              type="button"
              onClick={() => setNotice(null)}
              className="rounded p-0.5 text-muted-foreground hover:text-foreground"
              aria-label="Dismiss"
            >
              <X className="size-3.5" aria-hidden />
            </button>
          </p>
        ) : null}
      </div>

      {data.length === 0 ? (
        <EmptyState
          icon={Plug}
          title="No connections yet"
          action={<AddConnectionButton onConnected={onConnected} label="Add your first connection" />}
        >
          Connect {vendorNames(undefined, "or")} with an API key. Touchline tests the key, then syncs activities, tasks
          and campaigns into this workspace.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {data.map((c) => (
            <ConnectionCard key={c.id} connection={c} onNotice={setNotice} />
          ))}
        </div>
      )}
    </section>
  );
}
