-- Contact search (name, email, company; substring, as you type) through a trigram index:
-- a rare word no longer reads every contact. The expression matches lib/server/queries/contacts.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_search_trgm_idx" ON "contacts" USING gin ((lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, ''))) gin_trgm_ops);
--> statement-breakpoint
-- Tasks by due date over every status (the done / all views); open tasks keep their partial index.
CREATE INDEX IF NOT EXISTS "tasks_due_idx" ON "tasks" USING btree ("due_at");
