CREATE TABLE "engagement_buckets" (
	"campaign_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
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
	"interested" integer DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "engagement_buckets_campaign_id_bucket_step_variant_pk" PRIMARY KEY("campaign_id","bucket","step","variant")
);
--> statement-breakpoint
CREATE TABLE "engagement_facts" (
	"campaign_id" text NOT NULL,
	"contact_key" text NOT NULL,
	"step" integer NOT NULL,
	"connection_id" text NOT NULL,
	"variant" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"bounced_at" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"opened_at" timestamp with time zone,
	"opened_any_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"clicked_any_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"replied_any_at" timestamp with time zone,
	"interested_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	CONSTRAINT "engagement_facts_campaign_id_contact_key_step_pk" PRIMARY KEY("campaign_id","contact_key","step")
);
--> statement-breakpoint
ALTER TABLE "engagement_buckets" ADD CONSTRAINT "engagement_buckets_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_facts" ADD CONSTRAINT "engagement_facts_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_buckets_bucket_idx" ON "engagement_buckets" USING btree ("bucket");--> statement-breakpoint
-- Backfill: the rollups of activities stored before this migration (same SQL as rebuildStatements() in lib/server/rollups/engagement.ts).
insert into engagement_facts (campaign_id, contact_key, step, connection_id, variant, sent_at, bounced_at, opened_at, opened_any_at, clicked_at, clicked_any_at, replied_at, replied_any_at, interested_at, unsubscribed_at) 
  select a.campaign_id, coalesce(a.contact_id, 'activity:' || a.id) as contact_key, coalesce(a.sequence_step, 0) as step,
  min(a.connection_id) as connection_id,
  coalesce(min(nullif(a.variant, '')), '') as variant,
  coalesce(array_agg(a.occurred_at order by a.occurred_at) filter (where a.kind = 'email_sent'), '{}') as sent_at,
  coalesce(array_agg(a.occurred_at order by a.occurred_at) filter (where a.kind = 'email_bounced'), '{}') as bounced_at,
  min(a.occurred_at) filter (where a.kind = 'email_opened' and not a.bot) as opened_at,
  min(a.occurred_at) filter (where a.kind = 'email_opened') as opened_any_at,
  min(a.occurred_at) filter (where a.kind = 'email_clicked' and not a.bot) as clicked_at,
  min(a.occurred_at) filter (where a.kind = 'email_clicked') as clicked_any_at,
  min(a.occurred_at) filter (where a.kind = 'email_replied' and not a.bot) as replied_at,
  min(a.occurred_at) filter (where a.kind = 'email_replied') as replied_any_at,
  min(a.occurred_at) filter (where a.kind = 'interested') as interested_at,
  min(a.occurred_at) filter (where a.kind = 'unsubscribed') as unsubscribed_at
  from (select a.id, a.campaign_id, a.contact_id, a.sequence_step, a.variant, a.kind, a.bot, a.occurred_at, a.connection_id from activities a where a.campaign_id is not null and a.kind in ('email_sent', 'email_bounced', 'email_opened', 'email_clicked', 'email_replied', 'interested', 'unsubscribed') ) a
  group by a.campaign_id, coalesce(a.contact_id, 'activity:' || a.id), coalesce(a.sequence_step, 0);
--> statement-breakpoint
with f as (select * from engagement_facts where true )
  insert into engagement_buckets (campaign_id, bucket, step, variant, connection_id, sent, bounced, opened, opened_any, clicked, clicked_any, replied, replied_any, interested, unsubscribed) 
  select f.campaign_id, date_bin('15 minutes', e.t, timestamptz '2000-01-01T00:00:00Z') as bucket, f.step, f.variant,
  min(f.connection_id) as connection_id, (1 * count(*) filter (where e.k = 1))::int as sent, (1 * count(*) filter (where e.k = 2))::int as bounced, (1 * count(*) filter (where e.k = 3))::int as opened, (1 * count(*) filter (where e.k = 4))::int as opened_any, (1 * count(*) filter (where e.k = 5))::int as clicked, (1 * count(*) filter (where e.k = 6))::int as clicked_any, (1 * count(*) filter (where e.k = 7))::int as replied, (1 * count(*) filter (where e.k = 8))::int as replied_any, (1 * count(*) filter (where e.k = 9))::int as interested, (1 * count(*) filter (where e.k = 10))::int as unsubscribed
  from f cross join lateral (
  select u.t, 1 from unnest(f.sent_at) as u(t)
  union all select u.t, 2 from unnest(f.bounced_at) as u(t)
  union all values (f.opened_at, 3), (f.opened_any_at, 4), (f.clicked_at, 5), (f.clicked_any_at, 6),
  (f.replied_at, 7), (f.replied_any_at, 8), (f.interested_at, 9), (f.unsubscribed_at, 10)
  ) as e(t, k)
  where e.t is not null
  group by f.campaign_id, 2, f.step, f.variant;
