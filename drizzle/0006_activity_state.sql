-- Where an activity stands when it has not simply happened: `scheduled` (an email waiting to
-- be sent, an upcoming meeting) or `canceled`. Null for everything already stored: it happened.
ALTER TABLE "activities" ADD COLUMN IF NOT EXISTS "state" text;
