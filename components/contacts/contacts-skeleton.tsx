import { SkeletonTable } from "@/components/ui/skeleton";

// A server component on its own: the loading screens of /contacts and /contacts/[id] render
// it without pulling the contact list's client code into their first load.

/** The table's shape while the page loads: the same rows and heights as the real one. */
export function ContactsTableSkeleton({ rows = 12 }: { rows?: number }) {
  return (
    <SkeletonTable
      rows={rows}
      rowClassName="h-12 px-4"
      cells={["h-3.5 w-40", "h-3.5 w-52", "h-3.5 w-32", "h-4 w-24", "ml-auto h-3.5 w-16"]}
    />
  );
}
