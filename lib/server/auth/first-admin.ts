import "server-only";
import type { Db } from "../store/db";

/**
 * FOUNDATION STAGE: issue 5 creates the first admin from TOUCHLINE_ADMIN_EMAIL /
 * TOUCHLINE_ADMIN_PASSWORD here (or leaves it to the one-time setup page).
 */
export async function ensureFirstAdmin(_db: Db): Promise<void> {}
