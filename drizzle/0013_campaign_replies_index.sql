-- Issue 17: the campaign page's latest replies read a campaign's replies alone (a partial index),
-- where a 300 000-activity campaign's page used to scan every one of its rows for ten replies.
CREATE INDEX "activities_campaign_replies_idx" ON "activities" USING btree ("campaign_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "activities"."kind" = 'email_replied';
