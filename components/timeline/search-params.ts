// The contact page's timeline filters live in the URL (a view is a link someone can
// share; the back button steps through filter changes). Same vocabulary as the API's
// query string (lib/model/timeline.ts), so the request is built straight from them.
import { parseAsArrayOf, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { REPLY_CLASSES } from "@/lib/model/plain/reply-class";
import { TIMELINE_KINDS } from "@/lib/model/plain/timeline";
import { VENDORS } from "@/lib/model/vendor";

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
