import { ContactsTableSkeleton } from "@/components/contacts/contacts-skeleton";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { SkeletonGroup } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading contacts">
      <SkeletonGroup className="flex gap-2" items={["h-9 w-80", "h-9 w-96"]} />
      <ContactsTableSkeleton />
    </PageSkeleton>
  );
}
