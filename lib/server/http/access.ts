import "server-only";
import { roleAtLeast, type Role, scopeAtLeast, type TokenScope } from "@/lib/model/plain/roles";
import type { Principal } from "../auth/authenticate";
import { forbidden } from "./errors";

/**
 * Who may call a route, declared on every route (`route({ access }, …)`) and enforced by the
 * wrapper before anything else runs. A table-driven test (tests/integration/route-access.test.ts)
 * lists the rule of every route on disk and fails for a route without one.
 *
 * - `"public"`: no session needed (sign-in, health, setup, invitation and reset links).
 * - `{ role }`: the least role (owner > admin > member > viewer).
 * - `token`: the least API-token scope — default `read` for GET, `admin` for anything else;
 *   `"never"`: only a signed-in session (creating tokens, passwords, sessions).
 */
export type Access = "public" | { role: Role; token?: TokenScope | "never" };

export function tokenScopeNeeded(access: Exclude<Access, "public">, method: string): TokenScope | "never" {
  return access.token ?? (method === "GET" || method === "HEAD" ? "read" : "admin");
}

/** Throws 403 when the principal may not call a route with `access` by `method`. */
export function authorize(principal: Principal, access: Exclude<Access, "public">, method: string): void {
  if (principal.via === "token") {
    const need = tokenScopeNeeded(access, method.toUpperCase());
    if (need === "never") throw forbidden("Only a signed-in session can do this, not an API token.");
    if (!scopeAtLeast(principal.tokenScope ?? "read", need))
      throw forbidden(`This API token's scope (${principal.tokenScope}) does not allow this; it needs ${need}.`);
  }
  if (!roleAtLeast(principal.role, access.role))
    throw forbidden(`This needs the ${access.role} role or above; yours is ${principal.role}.`);
}
