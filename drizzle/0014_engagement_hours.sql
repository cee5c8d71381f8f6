-- Issue 17: the engagement counts per whole UTC hour beside the 15-minute ones (lib/server/rollups/engagement.ts).
CREATE TABLE "engagement_hours" (
	"campaign_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"step" integer NOT NULL,
	"variant" text DEFAULT '' NOT NULL,
	"connection_id" text NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"bounced" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"opened_any" integer DEFAULT 0 NOT NULL,
	"clicked" integer DEFAULT 0 NOT NULL,
	"clicked_any" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"replied_any" integer DEFAULT 0 NOT NULL,
	"replied_human" integer DEFAULT 0 NOT NULL,
	"interested" integer DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "engagement_hours_campaign_id_hour_step_variant_pk" PRIMARY KEY("campaign_id","hour","step","variant")
);
--> statement-breakpoint
ALTER TABLE "engagement_hours" ADD CONSTRAINT "engagement_hours_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill from the 15-minute rows the store holds (the same sums the sync keeps from now on).
INSERT INTO "engagement_hours" ("campaign_id", "hour", "step", "variant", "connection_id", "sent", "bounced", "opened", "opened_any", "clicked", "clicked_any", "replied", "replied_any", "replied_human", "interested", "unsubscribed")
  SELECT "campaign_id", date_bin('1 hour', "bucket", timestamptz '2000-01-01T00:00:00Z'), "step", "variant", min("connection_id"),
    sum("sent"), sum("bounced"), sum("opened"), sum("opened_any"), sum("clicked"), sum("clicked_any"), sum("replied"), sum("replied_any"), sum("replied_human"), sum("interested"), sum("unsubscribed")
  FROM "engagement_buckets"
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
ANALYZE "engagement_hours";
