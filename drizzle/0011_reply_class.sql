-- Issue 18: what a reply is (lib/model/reply-class.ts): human, auto_reply, opt_out or
-- bounce_notice. Null until classified; the server classifies stored replies at start
-- (lib/server/sync/reply-class-backfill.ts) and every reply as it syncs. Until then an
-- unclassified reply counts as a human one, so the new rollup columns start equal to the
-- old ones and the backfill moves only the replies it finds not to be human.
ALTER TABLE "activities" ADD COLUMN IF NOT EXISTS "reply_class" text;
--> statement-breakpoint
ALTER TABLE "engagement_facts" ADD COLUMN IF NOT EXISTS "replied_human_at" timestamp with time zone;
--> statement-breakpoint
UPDATE "engagement_facts" SET "replied_human_at" = "replied_at";
--> statement-breakpoint
ALTER TABLE "engagement_buckets" ADD COLUMN IF NOT EXISTS "replied_human" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE "engagement_buckets" SET "replied_human" = "replied";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "activities_unclassified_reply_idx" ON "activities" ("id") WHERE "reply_class" IS NULL AND "kind" IN ('email_replied', 'linkedin_replied');
