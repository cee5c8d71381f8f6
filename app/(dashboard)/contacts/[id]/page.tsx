import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { createLoader, type SearchParams } from "nuqs/server";
import { displayName } from "@/components/contacts/contact-header";
import { VIEWER_TZ_COOKIE, viewerTimeZone } from "@/components/overview/viewer-time-zone";
import { ContactTimeline } from "@/components/timeline/contact-timeline";
import { TIMELINE_PAGE_SIZE } from "@/components/timeline/queries";
import { timelineParams, timelineRequest } from "@/components/timeline/search-params";
import { timelineSearchParams } from "@/lib/model/plain/timeline";
import { getContact } from "@/lib/server/queries/contacts";
import { openTasksForContact } from "@/lib/server/queries/contact-tasks";
import { timelinePageFor } from "@/lib/server/queries/timeline";
import { getDb } from "@/lib/server/store";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

const loadFilters = createLoader(timelineParams);

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

/**
 * The first page of the timeline is read here, for the URL's filters in the viewer's zone
 * (its cookie; UTC on a first visit, said on the page): the rows are in the HTML, the
 * page's largest paint, instead of waiting for the JavaScript and a second request.
 */
export default async function ContactPage({ params, searchParams }: Props) {
  const id = await contactId(params);
  const db = await getDb();
  const contact = await getContact(db, id);
  if (!contact) notFound();
  const { tz, known } = viewerTimeZone((await cookies()).get(VIEWER_TZ_COOKIE)?.value);
  const key = timelineSearchParams(timelineRequest(await loadFilters(searchParams), tz)).toString();
  // When the rows were read (a server component renders once per request).
  const at = new Date().getTime();
  const [tasks, page] = await Promise.all([
    openTasksForContact(db, id),
    timelinePageFor(db, id, new URLSearchParams(`${key}&limit=${TIMELINE_PAGE_SIZE}`)),
  ]);
  const openTasks = tasks.map(({ at: _at, ...t }) => t);
  return (
    <ContactTimeline
      contactId={id}
      initial={{ ...contact, openTasks }}
      timeline={{ tz, knownTz: known, first: page ? { key, page, at } : null }}
    />
  );
}
