import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { displayName } from "@/components/contacts/contact-header";
import { ContactTimeline } from "@/components/timeline/contact-timeline";
import { getContact } from "@/lib/server/queries/contacts";
import { openTasksForContact } from "@/lib/server/queries/contact-tasks";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** Route params may arrive still percent-encoded; ids never contain a literal "%". */
const contactId = async (params: Props["params"]) => {
  const { id } = await params;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const contact = await getContact(await getDb(), await contactId(params));
  return { title: contact ? displayName(contact) : "Contact not found" };
}

export default async function ContactPage({ params }: Props) {
  const id = await contactId(params);
  const db = await getDb();
  const contact = await getContact(db, id);
  if (!contact) notFound();
  const openTasks = (await openTasksForContact(db, id)).map(({ at: _at, ...t }) => t);
  return <ContactTimeline contactId={id} initial={{ ...contact, openTasks }} />;
}
