import { ChartNoAxesCombined } from "@/components/ui/icons";
import { cookies } from "next/headers";
import { CampaignsTable } from "@/components/campaigns/campaigns-table";
import { TimeZoneCookie } from "@/components/overview/time-zone-cookie";
import { VIEWER_TZ_COOKIE, viewerTimeZone } from "@/components/overview/viewer-time-zone";
import { NoData } from "@/components/shell/no-data";
import { PageHeader } from "@/components/ui/page-header";
import { listCampaigns, replySparklines } from "@/lib/server/queries/campaigns";
import { workspaceCounts } from "@/lib/server/queries/workspace";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const db = await getDb();
  const { tz, known } = viewerTimeZone((await cookies()).get(VIEWER_TZ_COOKIE)?.value);
  const [campaigns, sparklines, counts] = await Promise.all([
    listCampaigns(db, {}),
    replySparklines(db, tz),
    workspaceCounts(),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Campaigns"
        description="Every campaign from every vendor, with one set of rate definitions. Machine opens are left out."
      />
      {campaigns.length === 0 ? (
        <NoData icon={ChartNoAxesCombined} what="campaigns" counts={counts} />
      ) : (
        <CampaignsTable
          rows={campaigns.map((c) => ({
            ...c,
            sparkline: sparklines.byCampaign.get(c.id) ?? new Array<number>(sparklines.days.length).fill(0),
          }))}
        />
      )}
      <TimeZoneCookie current={known} />
    </div>
  );
}
