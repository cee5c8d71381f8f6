// The store. One Postgres schema for PGlite and PostgreSQL alike; every change goes
// through a SQL migration in drizzle/ (npm run db:generate writes it from these files).
// Split by what the tables hold; this file is the one place the rest of the app imports.
export * from "./schema/people";
export * from "./schema/records";
export * from "./schema/rollups";
