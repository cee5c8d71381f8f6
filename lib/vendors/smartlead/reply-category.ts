import "server-only";
import type { CategoryVerdict } from "@/lib/model/plain/reply-class";

/**
 * Smartlead's lead categories (set on a reply by its AI or a person). A category saying
 * the reply is an out-of-office, a do-not-contact or a bounce decides; a category about a
 * person's answer ("Interested", "Not Interested"…) says `human` unless the text asks to
 * be removed.
 */
const CATEGORY_VERDICTS: Record<string, CategoryVerdict> = {
  "out of office": "auto_reply",
  "do not contact": "opt_out",
  "sender originated bounce": "bounce_notice",
  interested: "human",
  "meeting request": "human",
  "meeting booked": "human",
  "information request": "human_unless_opt_out",
  "not interested": "human_unless_opt_out",
  "wrong person": "human_unless_opt_out",
};

/** What a lead category says of its reply; null when it says nothing (the text decides). */
export function smartleadCategoryVerdict(category: string | null | undefined): CategoryVerdict | null {
  return category ? (CATEGORY_VERDICTS[category.trim().toLowerCase()] ?? null) : null;
}
