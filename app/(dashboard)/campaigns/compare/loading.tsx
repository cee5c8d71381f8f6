import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading comparison" title="w-56">
      <Skeleton className="h-[74px] w-full" />
      <Skeleton className="h-[520px]" />
    </PageSkeleton>
  );
}
