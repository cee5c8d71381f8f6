// The shape of a vendor's `meta.ts`: everything the rest of the app knows about a vendor
// (label, colour, deep links, key help, notes, capabilities). zod-free and without
// `server-only`, because the browser imports it: it must never hold or handle a key.

/** A figure a vendor's campaign stats report, compared side by side with Touchline's. */
export type ReportedKey =
  "sent" | "delivered" | "opened" | "clicked" | "replied" | "bounced" | "unsubscribed" | "interested";
export type RateName = "open" | "click" | "reply" | "bounce";

export interface VendorMeta<Id extends string = string> {
  id: Id;
  /** As the vendor writes its own name. */
  label: string;
  /** The badge colour (any CSS colour), for the light and the dark theme. Set once as `--vendor-<id>`. */
  color: { light: string; dark: string };
  /** The vendor's web app. */
  appUrl: string;
  /** A link into the vendor's app for a person's record (when the connector gave none). */
  identityUrl(vendorId: string, kind?: string | null): string;
  /** The record to open first when the vendor holds several of a person: its lead or its contact. */
  openFirst: "lead" | "contact";
  /** Where the vendor shows its API key, and what to know about the key. */
  keyHelp: { where: string; note?: string };
  /** Rate limits and quotas, in words (VENDORS.md). */
  limits: string;
  /** The vendor has a tasks API (tasks sync from it). */
  hasTasks: boolean;
  /** Touchline may create and complete tasks there. */
  canWriteTasks: boolean;
  /** What the vendor calls the users tasks and activities belong to (some call them sending mailboxes). */
  userNoun: "user" | "sending mailbox";
  /** Why its own campaign dashboard shows other numbers than Touchline. */
  campaignNotes: readonly string[];
  /** Per figure, where the vendor's definition differs from Touchline's (shown when the figures differ). */
  differenceNotes?: Partial<Record<ReportedKey, string>>;
  /** How the vendor divides its rates, where known: [numerator, denominator]. */
  rateFormulas?: Partial<Record<RateName, readonly [ReportedKey, ReportedKey]>>;
  /**
   * A daily request quota per plan (absent: the vendor limits requests per minute only).
   * Touchline then budgets each day, keeps a reserve for "Refresh now" and shows the day's
   * use on the connection; the plan is read from the vendor's headers or set by the user.
   */
  dailyQuota?: {
    plans: readonly { id: string; label: string; perDay: number }[];
    /** The plan assumed until the vendor says which one the key is on. */
    assumedPlan: string;
  };
  /**
   * Its share of the generated demo workspace (lib/sandbox): a fraction of the world's
   * activities, tasks and campaigns. Not normalised (the first vendors' add up to 1, so the
   * seeded demo stays as it was); a new vendor's share adds to the totals. No tasks API, no tasks.
   */
  demoShare: { activities: number; tasks: number; campaigns: number };
  /** The server env variable that overrides its API base URL (tests, a standalone sandbox). */
  baseUrlEnv: `${Uppercase<string>}_API_URL`;
  /**
   * How its raw payload shows in an item's detail view. The fields of one message (its
   * text, time and sender) follow common names and are read in components/timeline/text.ts.
   */
  raw: {
    /** Keys of `raw` holding a list of messages of the conversation. */
    threadKeys: readonly string[];
    /** A key of `raw` holding the one reply the event is about. */
    replyKey?: string;
    /**
     * Where the raw activity names its users, when the mapped actor is not the one who
     * acted: `idKey`/`nameKey` the user who acted, `senderIdKey` the sending user.
     */
    users?: { idKey: string; nameKey: string; senderIdKey: string };
  };
}

/**
 * `identityUrl` for a vendor that keeps leads and contacts apart: an id with `leadPrefix`
 * (or of kind "lead") opens the lead's page, any other the contact's. The pages get the id URL-encoded.
 */
export const leadOrContactUrl =
  (leadPrefix: string, leadPage: (id: string) => string, contactPage: (id: string) => string) =>
  (vendorId: string, kind?: string | null): string =>
    (vendorId.startsWith(leadPrefix) || kind === "lead" ? leadPage : contactPage)(encodeURIComponent(vendorId));
