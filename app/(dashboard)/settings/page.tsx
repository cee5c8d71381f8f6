import { Plug } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listConnections } from "@/lib/server/queries/connections";

export const dynamic = "force-dynamic";
export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const connections = await listConnections();
  return (
    <div className="space-y-6">
      <PageHeader title="Settings" description="Vendor connections, API keys and sync." />
      {connections.length === 0 ? (
        <EmptyState icon={Plug} title="No connections yet">
          Connect lemlist, Smartlead, Close or Leadlex with an API key. Keys are encrypted at rest and never leave this server.
        </EmptyState>
      ) : (
        <ul className="divide-y rounded-xl border bg-card">
          {connections.map((c) => (
            <li key={c.id} className="flex items-center justify-between px-4 py-3 text-sm">
              <span className="font-medium">{c.label}</span>
              <span className="text-muted-foreground">
                {c.keyHint} · {c.status}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
