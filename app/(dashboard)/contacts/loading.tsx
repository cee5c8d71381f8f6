import { ContactsTableSkeleton } from "@/components/contacts/contacts-skeleton";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading contacts">
      <div className="flex gap-2">
        <Skeleton className="h-9 w-80" />
        <Skeleton className="h-9 w-96" />
      </div>
      <ContactsTableSkeleton />
    </PageSkeleton>
  );
}
