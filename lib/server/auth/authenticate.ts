import "server-only";
import type { NextRequest } from "next/server";

export interface Principal {
  userId: string;
  email: string;
  via: "session" | "token";
}

/**
 * Resolves the caller of an API request, or throws 401.
 * FOUNDATION STAGE: sign-in (issue 5) is not built yet, so every caller is the
 * local operator. Issue 5 replaces this body with session-cookie / API-token checks.
 */
export async function authenticate(_req: NextRequest): Promise<Principal> {
  return { userId: "local", email: "local@touchline", via: "session" };
}
