import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "./plain/auth";
import { ROLES, TOKEN_DEFAULT_DAYS, TOKEN_SCOPES } from "./plain/roles";

// Sign-in, first-admin setup, API tokens and the audit log: the shapes the routes parse
// and the browser builds its requests from.

export { PASSWORD_MIN_LENGTH } from "./plain/auth";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "enter your email").max(320),
  password: z.string().min(1, "enter your password").max(1024),
});
export type SignIn = z.infer<typeof signInSchema>;

export const setupSchema = z.object({
  email: z.email("enter a valid email address").trim().max(320),
  name: z.string().trim().max(120).optional(),
  password: z.string().min(PASSWORD_MIN_LENGTH, `use at least ${PASSWORD_MIN_LENGTH} characters`).max(1024),
  /** The one-time code the server printed in its log at start. */
  setupCode: z
    .string({ message: "enter the setup code from the server log" })
    .trim()
    .min(1, "enter the setup code from the server log")
    .max(100),
});
export type Setup = z.infer<typeof setupSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "give the token a name").max(80),
  scope: z.enum(TOKEN_SCOPES).default("read"),
  /** Days until it stops working; null: never (admins only). Default 90. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(TOKEN_DEFAULT_DAYS),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** The one answer that carries a token in clear, once, at creation. */
export const createdTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  expiresAt: z.iso.datetime().nullable(),
  token: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const AUDIT_EVENTS = [
  "created",
  "tested",
  "renamed",
  "key_replaced",
  "settings_changed",
  "pruned",
  "synced",
  "sync_failed",
  "removed",
  "admin_created",
  "signed_in",
  "token_created",
  "token_revoked",
  "sign_in_failed",
  "sign_in_throttled",
  "signed_out",
  "setup_refused",
  "user_invited",
  "invite_revoked",
  "invite_accepted",
  "role_changed",
  "user_deactivated",
  "user_reactivated",
  "user_removed",
  "ownership_transferred",
  "password_changed",
  "password_reset_created",
  "password_reset_used",
  "sessions_ended",
  "identities_linked",
] as const;

export const auditQuerySchema = z.object({
  connectionId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d+$/, "not a cursor from this API").optional(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actor: z.string().nullable(),
  event: z.string(),
  connectionId: z.string().nullable(),
  /** The connection's label now, or the one it had when it was removed. */
  connectionLabel: z.string().nullable(),
  vendor: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
