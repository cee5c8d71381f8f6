import { z } from "zod";
// Relative: next.config.ts loads this file without the "@/" alias.
import { VENDOR_METAS, type VendorBaseUrlEnv } from "./vendors/metas";

// Server configuration, validated once. A bad value stops the process with a
// message naming the variable (next.config.ts imports this, so `next start`
// fails at boot rather than on the first request).
const url = z.url({ protocol: /^https?$/ });
const onOff = z.enum(["on", "off"]);
const vendorUrls = Object.fromEntries(VENDOR_METAS.map((m) => [m.baseUrlEnv, url.optional()])) as Record<
  VendorBaseUrlEnv,
  z.ZodOptional<typeof url>
>;

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  TOUCHLINE_DATA_DIR: z.string().min(1).default("./.data"),
  TOUCHLINE_DEMO: onOff.default("on"),
  TOUCHLINE_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_=-]{43,}$/, "must be at least 32 random bytes, base64 (openssl rand -base64 32)")
    .optional(),
  TOUCHLINE_ADMIN_EMAIL: z.email().optional(),
  TOUCHLINE_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  TOUCHLINE_SYNC_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** The URL people use; its host is allowed besides localhost/127.0.0.1 on PORT (Host and Origin checks). */
  TOUCHLINE_PUBLIC_URL: url.optional(),
  /** How many reverse-proxy hops' X-Forwarded-For/-Host/-Proto to trust; 0: the socket address and Host header only. */
  TOUCHLINE_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** A session unused this long ends (days). */
  TOUCHLINE_SESSION_IDLE_DAYS: z.coerce.number().min(0.01).max(365).default(7),
  /** A session ends this long after sign-in, used or not (days). */
  TOUCHLINE_SESSION_MAX_DAYS: z.coerce.number().min(0.01).max(365).default(30),
  TOUCHLINE_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Each vendor's API base URL override (its meta.ts `baseUrlEnv`: tests, a standalone sandbox). */
  ...vendorUrls,
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (a blank line in a .env file must not become a value).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests that change process.env between cases read it again. */
export function resetEnvCache(): void {
  cached = undefined;
}
