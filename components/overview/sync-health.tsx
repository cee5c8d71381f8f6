import { CircleAlert, CircleCheck, LoaderCircle } from "@/components/ui/icons";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { VendorDot } from "@/components/ui/vendor-badge";
import type { Connection } from "@/lib/model/connection";

const PROBLEM: Partial<Record<Connection["status"], string>> = {
  key_rejected: "The vendor refused the API key",
  key_unreadable: "The stored key cannot be read",
  unreachable: "The vendor could not be reached",
};

/** Each connection: syncing, fine, or what is wrong — with the last good sync. */
export function SyncHealth({ connections }: { connections: Connection[] }) {
  const problems = connections.filter((c) => PROBLEM[c.status] || c.sync.state === "failed").length;
  return (
    <Card aria-label="Sync health">
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="space-y-1">
          <CardTitle>Sync health</CardTitle>
          <CardDescription className="text-xs">
            {connections.length === 0
              ? "No vendor connected yet."
              : problems
                ? `${problems} of ${connections.length} connections need a look.`
                : `All ${connections.length} connections are syncing fine.`}
          </CardDescription>
        </div>
        <Button asChild variant="ghost" size="sm">
          <Link href="/settings">Settings</Link>
        </Button>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          {connections.map((c) => {
            const problem =
              PROBLEM[c.status] ??
              (c.sync.state === "failed" ? (c.sync.error ?? c.lastError ?? "The last sync failed") : null);
            const running = c.sync.state === "running" || c.status === "syncing";
            return (
              <li
                key={c.id}
                className="flex flex-wrap items-center gap-x-2 gap-y-0.5 py-2 text-sm first:pt-0 last:pb-0"
              >
                <VendorDot vendor={c.vendor} />
                <span className="font-medium">{c.label}</span>
                <span className="ml-auto flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
                  {running ? (
                    <>
                      <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> Syncing…
                    </>
                  ) : problem ? (
                    <>
                      <CircleAlert className="size-3.5 shrink-0 text-destructive" aria-hidden />
                      <span className="truncate text-destructive">{problem}</span>
                    </>
                  ) : (
                    <>
                      <CircleCheck className="size-3.5 text-success" aria-hidden />
                      {c.lastSyncAt ? (
                        <>
                          Synced <RelativeTime iso={c.lastSyncAt} />
                        </>
                      ) : (
                        "Waiting for the first sync"
                      )}
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
