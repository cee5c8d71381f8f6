// The contact page's timeline filters live in the URL (a view is a link someone can
// share; the back button steps through filter changes). Same vocabulary as the API's
// query string (lib/model/timeline.ts), so the request is built straight from them.
import { parseAsArrayOf, parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { REPLY_CLASSES } from "@/lib/model/plain/reply-class";
import { REPLY_KINDS, TIMELINE_KINDS } from "@/lib/model/plain/timeline";
import { VENDORS } from "@/lib/model/vendor";
import type { TimelineFilterRequest } from "./queries";

export const timelineParams = {
  q: parseAsString.withDefault(""),
  vendors: parseAsArrayOf(parseAsStringLiteral(VENDORS)).withDefault([]),
  kinds: parseAsArrayOf(parseAsStringLiteral(TIMELINE_KINDS)).withDefault([]),
  campaign: parseAsString,
  /** Inclusive calendar days in the viewer's zone, `YYYY-MM-DD`. */
  from: parseAsString,
  to: parseAsString,
  bots: parseAsStringLiteral(["include", "exclude"] as const).withDefault("include"),
  /** Issue 18: replies of these classes only; empty = every reply. */
  replyClass: parseAsArrayOf(parseAsStringLiteral(REPLY_CLASSES)).withDefault([]),
};

/** Whether the chosen kinds are exactly the replies (the Kind panel's "Replies only"). */
export function isRepliesOnly(kinds: readonly string[]): boolean {
  return kinds.length === REPLY_KINDS.length && REPLY_KINDS.every((k) => kinds.includes(k));
}

/** The URL's filters as they stand (what `createLoader` or `useQueryStates` gives). */
export type TimelineParams = inferParserType<typeof timelineParams>;

/**
 * The request a filter state makes in a zone (the cache key of the list and the facets).
 * One function for the server's first page and the browser's queries: the same URL in the
 * same zone is the same request, so the server's rows are the browser's cache entry.
 */
export function timelineRequest(p: TimelineParams, tz: string): TimelineFilterRequest {
  return {
    kinds: p.kinds,
    vendors: p.vendors,
    campaignId: p.campaign,
    from: p.from,
    to: p.to,
    tz,
    q: p.q,
    bots: p.bots,
    replyClass: p.replyClass,
  };
}
