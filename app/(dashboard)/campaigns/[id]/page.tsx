import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { CampaignHeader } from "@/components/campaigns/campaign-header";
import { EngagementView } from "@/components/campaigns/engagement-view";
import { VIEWER_TZ_COOKIE, viewerTimeZone } from "@/components/overview/viewer-time-zone";
import { decodeCampaignId } from "@/lib/model/engagement";
import { getCampaignSummary, initialEngagement } from "@/lib/server/queries/engagement";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const campaign = await getCampaignSummary(await getDb(), decodeCampaignId((await params).id));
  return { title: campaign ? `${campaign.name} · Campaigns` : "Campaign not found" };
}

export default async function CampaignPage({ params, searchParams }: Props) {
  const db = await getDb();
  const campaign = await getCampaignSummary(db, decodeCampaignId((await params).id));
  if (!campaign) notFound();
  // The first screen's figures come with the HTML, in the zone the server can know.
  const { known } = viewerTimeZone((await cookies()).get(VIEWER_TZ_COOKIE)?.value);
  const initial = await initialEngagement(db, campaign.id, await searchParams, known);
  return (
    <div className="space-y-6">
      <CampaignHeader campaign={campaign} />
      <EngagementView campaignId={campaign.id} initial={initial} />
    </div>
  );
}
