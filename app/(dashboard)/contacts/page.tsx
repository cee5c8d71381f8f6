import { Users } from "lucide-react";
import { NoData } from "@/components/shell/no-data";
import { PageHeader } from "@/components/ui/page-header";
import { workspaceCounts } from "@/lib/server/queries/workspace";

export const dynamic = "force-dynamic";
export const metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const counts = await workspaceCounts();
  return (
    <div className="space-y-6">
      <PageHeader title="Contacts" description="Everyone you are in touch with, matched across vendors." />
      {counts.contacts === 0 ? <NoData icon={Users} what="contacts" counts={counts} /> : <p className="text-sm text-muted-foreground">{counts.contacts} contacts.</p>}
    </div>
  );
}
