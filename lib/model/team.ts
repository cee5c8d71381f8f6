import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "./plain/auth";
import { ASSIGNABLE_ROLES, INVITE_DEFAULT_DAYS, ROLES } from "./plain/roles";
import { VENDORS } from "./vendor";

// The team: users and roles, invitations, sessions, the signed-in user's vendor
// identities (API.md "Users, roles and sessions").

const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1024, "use at most 1024 characters");
const name = z.string().trim().max(120);
const id = z.string().min(1).max(200);

export const roleSchema = z.enum(ROLES);
export const assignableRoleSchema = z.enum(ASSIGNABLE_ROLES, {
  message: `expected one of ${ASSIGNABLE_ROLES.join(", ")} (ownership is transferred, not assigned)`,
});

export const idParams = z.object({ id });

export const identitySchema = z.object({
  vendor: z.enum(VENDORS),
  vendorUserId: z.string(),
  name: z.string().nullable(),
});
export type Identity = z.infer<typeof identitySchema>;

/** Who a user is, as both the signed-in user (`me`) and a row of the team list start. */
const userHeadSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
});

export const meSchema = userHeadSchema.extend({
  identities: z.array(identitySchema),
});
export type Me = z.infer<typeof meSchema>;

export const putIdentitiesSchema = z.object({
  identities: z
    .array(z.object({ vendor: z.enum(VENDORS), vendorUserId: z.string().trim().min(1).max(300) }))
    .max(50, "link at most 50 vendor users"),
});

/** A vendor user Touchline knows of, as offered for linking. */
export const identityOptionSchema = identitySchema.extend({
  email: z.string().nullable(),
  /** Where Touchline learned of this vendor user: the vendor's user listing, or synced tasks/activities. */
  source: z.enum(["listing", "tasks", "activities"]),
  /** Open tasks assigned to them. */
  openTasks: z.number().int(),
  /** Linked to another Touchline user already (their name), or null. */
  linkedTo: z.string().nullable(),
  /** Why it is proposed for you (`email`: same email; `name`: same name), or null when only offered. */
  match: z.enum(["email", "name"]).nullable(),
});
export type IdentityOption = z.infer<typeof identityOptionSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(1024),
  newPassword: password,
});

export const sessionInfoSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  /** "Chrome on macOS" */
  browser: z.string().nullable(),
  ip: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const userSummarySchema = userHeadSchema.extend({
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const patchUserSchema = z
  .object({ role: assignableRoleSchema.optional(), active: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: "give role or active" });

export const transferOwnershipSchema = z.object({ userId: id });

export const createInviteSchema = z.object({
  role: assignableRoleSchema,
  expiresInDays: z.coerce.number().int().min(1).max(30).default(INVITE_DEFAULT_DAYS),
});

export const inviteSchema = z.object({
  id: z.string(),
  role: roleSchema,
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().nullable(),
  usedBy: z.string().nullable(),
});
export type Invite = z.infer<typeof inviteSchema>;

/** The one answer that carries the link in clear, at creation. */
export const createdLinkSchema = z.object({
  id: z.string(),
  role: roleSchema.optional(),
  url: z.string(),
  expiresAt: z.iso.datetime(),
});
export type CreatedLink = z.infer<typeof createdLinkSchema>;

export const linkTokenParams = z.object({ id: z.string().min(10).max(200) });

export const acceptInviteSchema = z.object({
  email: z.email("enter a valid email address").trim().max(320),
  name: name.optional(),
  password,
});

export const resetPasswordSchema = z.object({ password });
