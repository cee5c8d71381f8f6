import { Users } from "@/components/ui/icons";
import { createLoader, type SearchParams } from "nuqs/server";
import { ContactsView } from "@/components/contacts/contacts-view";
import { PAGE_SIZE } from "@/components/contacts/queries";
import { contactListParams } from "@/components/contacts/search-params";
import { NoData } from "@/components/shell/no-data";
import { PageHeader } from "@/components/ui/page-header";
import { contactsQuerySchema } from "@/lib/model/contacts-query";
import { listContacts } from "@/lib/server/queries/contacts";
import { workspaceCounts } from "@/lib/server/queries/workspace";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "Contacts" };

const loadFilters = createLoader(contactListParams);

export default async function ContactsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = await loadFilters(searchParams);
  const counts = await workspaceCounts();
  const initial =
    counts.contacts === 0
      ? null
      : await listContacts(
          await getDb(),
          contactsQuerySchema.parse({ q: filters.q, vendor: filters.vendor.join(","), limit: String(PAGE_SIZE) }),
        );
  return (
    <div className="space-y-6">
      <PageHeader title="Contacts" description="Everyone you are in touch with, matched across vendors by email." />
      {initial ? (
        <ContactsView initial={initial} initialFilters={filters} total={counts.contacts} />
      ) : (
        <NoData icon={Users} what="contacts" counts={counts} />
      )}
    </div>
  );
}
