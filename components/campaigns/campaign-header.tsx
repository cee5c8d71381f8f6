import { ArrowLeft, ExternalLink, GitCompareArrows } from "@/components/ui/icons";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { VendorBadge } from "@/components/ui/vendor-badge";
import type { CampaignSummary } from "@/lib/model/engagement";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { CampaignStatusBadge } from "./status-badge";

const day = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    new Date(iso),
  );

export function CampaignHeader({ campaign }: { campaign: CampaignSummary }) {
  return (
    <div className="space-y-3">
      <Link
        href="/campaigns"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground focus-visible:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden />
        All campaigns
      </Link>
      <PageHeader
        title={campaign.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <VendorBadge vendor={campaign.vendor} />
            <CampaignStatusBadge status={campaign.status} vendorStatus={campaign.vendorStatus} />
            {campaign.firstActivityAt && campaign.lastActivityAt ? (
              <span>
                Activity from {day(campaign.firstActivityAt)} to {day(campaign.lastActivityAt)}
              </span>
            ) : (
              <span>No activity synced yet</span>
            )}
          </span>
        }
        actions={
          <>
            <Button asChild variant="secondary" size="sm">
              <Link href={`/campaigns/compare?ids=${encodeURIComponent(campaign.id)}`}>
                <GitCompareArrows aria-hidden />
                Compare
              </Link>
            </Button>
            {campaign.url ? (
              <Button asChild variant="ghost" size="sm">
                <a href={campaign.url} target="_blank" rel="noreferrer noopener">
                  <ExternalLink aria-hidden />
                  Open in {VENDOR_LABELS[campaign.vendor]}
                </a>
              </Button>
            ) : null}
          </>
        }
      />
    </div>
  );
}
