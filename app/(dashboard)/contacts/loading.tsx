import { ContactsTableSkeleton } from "@/components/contacts/contacts-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading contacts">
      <div className="space-y-2">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-96" />
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-9 w-80" />
        <Skeleton className="h-9 w-96" />
      </div>
      <ContactsTableSkeleton />
    </div>
  );
}
