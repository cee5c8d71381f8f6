-- Issue 16: a vendor's daily-budget settings are no longer stored under its name. The
-- settings a user chose for a connection move from meta.leadlexSettings to
-- meta.budgetSettings (lib/model/connection.ts BUDGET_SETTINGS_KEY), and the audit log's
-- settings_changed entries name them `dailyBudget`, as PATCH /connections/{id} now does.
UPDATE "connections"
SET "meta" = ("meta" - 'leadlexSettings') || jsonb_build_object('budgetSettings', "meta" -> 'leadlexSettings')
WHERE "meta" ? 'leadlexSettings';
--> statement-breakpoint
UPDATE "audit_log"
SET "detail" = ("detail" - 'leadlex') || jsonb_build_object('dailyBudget', "detail" -> 'leadlex')
WHERE "event" = 'settings_changed' AND "detail" ? 'leadlex';
