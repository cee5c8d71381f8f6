import { Skeleton } from "@/components/ui/skeleton";

// A server component on its own: the loading screens of /contacts and /contacts/[id] render
// it without pulling the contact list's client code into their first load.

/** The table's shape while the page loads: the same rows and heights as the real one. */
export function ContactsTableSkeleton({ rows = 12 }: { rows?: number }) {
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-xs" aria-hidden>
      <div className="h-10 border-b bg-muted/40" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex h-12 items-center gap-6 border-b px-4 last:border-0">
          <Skeleton className="h-3.5 w-40" />
          <Skeleton className="h-3.5 w-52" />
          <Skeleton className="h-3.5 w-32" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="ml-auto h-3.5 w-16" />
        </div>
      ))}
    </div>
  );
}
