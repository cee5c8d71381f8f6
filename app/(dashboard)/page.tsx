import { Gauge } from "@/components/ui/icons";
import { cookies } from "next/headers";
import { AttentionList } from "@/components/overview/attention-list";
import { SyncHealth } from "@/components/overview/sync-health";
import { TasksToday } from "@/components/overview/tasks-today";
import { TimeZoneCookie } from "@/components/overview/time-zone-cookie";
import { VIEWER_TZ_COOKIE, viewerTimeZone } from "@/components/overview/viewer-time-zone";
import { WeekSummary } from "@/components/overview/week-summary";
import { NoData } from "@/components/shell/no-data";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/server/auth/current-user";
import { linkedIdentities } from "@/lib/server/identities/me";
import { listConnectionsForRender } from "@/lib/server/queries/connections";
import { campaignsNeedingAttention, overviewWeek, tasksDueToday } from "@/lib/server/queries/overview";
import { partialByVendor } from "@/lib/server/queries/completeness";
import { workspaceCounts, workspaceHasData } from "@/lib/server/queries/workspace";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const db = await getDb();
  const { tz, known } = viewerTimeZone((await cookies()).get(VIEWER_TZ_COOKIE)?.value);
  const now = new Date();
  const user = await requireUser();
  // Members see their own "Due today" (tasks assigned to their linked vendor users).
  const mine = user.role === "member";
  const me = mine ? await linkedIdentities(db, user.id) : undefined;
  // An empty workspace is said with its counts; otherwise no count is needed (they read every activity).
  if (!(await workspaceHasData()))
    return (
      <div className="space-y-6">
        <PageHeader title="Overview" description="This week across every vendor." />
        <NoData icon={Gauge} what="activity" counts={await workspaceCounts()} />
        <TimeZoneCookie current={known} />
      </div>
    );
  const [week, attention, tasks, connections, partial] = await Promise.all([
    overviewWeek(db, tz, now),
    campaignsNeedingAttention(db, now),
    tasksDueToday(db, tz, now, 6, me),
    listConnectionsForRender(),
    partialByVendor(db),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title="Overview" description="This week across every vendor." />
      <div className="grid grid-cols-1 gap-4 sm:gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <WeekSummary week={week} tz={tz} partial={partial} />
        <AttentionList items={attention} />
        <TasksToday data={tasks} tz={tz} mine={mine} />
        <SyncHealth connections={connections} />
      </div>
      <TimeZoneCookie current={known} />
    </div>
  );
}
