import type { SmartleadActivity, SmartleadLead, SmartleadSequenceStep, SmartleadVariant } from "./records";

/** A sent email's Message-ID, made from its stats id and the lead's map id at the sender's domain. */
export const sentMessageId = (statsId: number, lead: SmartleadLead, fromEmail: string) =>
  `<sl-${statsId.toString(36)}-${lead.email_lead_map_id.toString(36)}@${fromEmail.split("@")[1]}>`;

/**
 * Adds a sent email to a lead, as generation and drift both do: no reply yet, and the
 * variant named only on A/B-tested steps (Smartlead leaves it out otherwise).
 */
export function pushSentEmail(
  lead: SmartleadLead,
  sent: Omit<SmartleadActivity, "reply_details" | "thread_replies" | "seq_variant_id" | "variant_label">,
  step: SmartleadSequenceStep,
  variant: SmartleadVariant,
): SmartleadActivity {
  const activity: SmartleadActivity = { ...sent, reply_details: null, thread_replies: [] };
  if (step.seq_variants.length > 1) {
    activity.seq_variant_id = variant.id;
    activity.variant_label = variant.variant_label;
  }
  lead.activities.push(activity);
  return activity;
}
