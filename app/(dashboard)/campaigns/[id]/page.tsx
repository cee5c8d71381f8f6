import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignHeader } from "@/components/campaigns/campaign-header";
import { EngagementView } from "@/components/campaigns/engagement-view";
import { decodeCampaignId } from "@/lib/model/engagement";
import { getCampaignSummary } from "@/lib/server/queries/engagement";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const campaign = await getCampaignSummary(await getDb(), decodeCampaignId((await params).id));
  return { title: campaign ? `${campaign.name} · Campaigns` : "Campaign not found" };
}

export default async function CampaignPage({ params }: Props) {
  const campaign = await getCampaignSummary(await getDb(), decodeCampaignId((await params).id));
  if (!campaign) notFound();
  return (
    <div className="space-y-6">
      <CampaignHeader campaign={campaign} />
      <EngagementView campaignId={campaign.id} />
    </div>
  );
}
