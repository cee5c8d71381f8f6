import { timestamp } from "drizzle-orm/pg-core";

// Column shapes every table of the store spells the same way.

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });
export const createdNow = () => ts("created_at").notNull().defaultNow();
export const updatedNow = () => ts("updated_at").notNull().defaultNow();
