import { CompareView } from "@/components/campaigns/compare-view";
import { PageHeader } from "@/components/ui/page-header";
import { listCampaigns } from "@/lib/server/queries/campaigns";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare campaigns" };

export default async function ComparePage() {
  const campaigns = await listCampaigns(await getDb(), {});
  return (
    <div className="space-y-6">
      <PageHeader
        title="Compare campaigns"
        description="Totals and rates side by side, across vendors, with one set of definitions."
      />
      <CompareView options={campaigns.map((c) => ({ id: c.id, name: c.name, vendor: c.vendor }))} />
    </div>
  );
}
