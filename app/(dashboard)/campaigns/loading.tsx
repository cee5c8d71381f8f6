import { PageSkeleton } from "@/components/ui/page-skeleton";
import { SkeletonGroup } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading campaigns">
      <SkeletonGroup className="flex gap-3" items={["h-8 w-64", "h-8 w-80"]} />
      <SkeletonGroup className="space-y-px overflow-hidden rounded-xl border" count={10} item="h-11 rounded-none" />
    </PageSkeleton>
  );
}
