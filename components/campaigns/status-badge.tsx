import { Badge } from "@/components/ui/badge";
import type { Campaign } from "@/lib/model/campaign";

const VARIANT = {
  active: "success",
  paused: "warning",
  completed: "muted",
  draft: "outline",
  archived: "muted",
  other: "outline",
} as const;
export const STATUS_LABELS: Record<Campaign["status"], string> = {
  active: "Active",
  paused: "Paused",
  completed: "Completed",
  draft: "Draft",
  archived: "Archived",
  other: "Other",
};

export function CampaignStatusBadge({
  status,
  vendorStatus,
}: {
  status: Campaign["status"];
  vendorStatus?: string | null;
}) {
  return (
    <Badge variant={VARIANT[status]} title={vendorStatus ? `The vendor says: ${vendorStatus}` : undefined}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
