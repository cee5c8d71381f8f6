import "server-only";
import { env } from "@/lib/env";

// Structured one-line JSON logs. Every line passes through scrub() so that a vendor
// key that slipped into a message, a URL (a key in a query parameter, api_key=…) or an error never
// reaches the log.

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Strings every log line masks: the API keys this process stored or decrypted (bounded:
 * the oldest drop out, and a key that is still in use is decrypted — and so added — again),
 * plus keys in flight (a key being tested, while it is tested). A key that was only tried
 * and refused is not kept.
 */
const MAX_SECRETS = 500;
const secrets = new Set<string>();
const inFlight = new Map<string, number>();

/** Registers a secret (a stored or decrypted API key) so that every later log line masks it. */
export function registerSecret(value: string | null | undefined): void {
  if (!value || value.length < 6) return;
  secrets.delete(value);
  secrets.add(value);
  while (secrets.size > MAX_SECRETS) secrets.delete(secrets.values().next().value!);
}

/** Masks `value` in log lines while `fn` runs (a key being tested, not stored). */
export async function withSecret<T>(value: string, fn: () => Promise<T>): Promise<T> {
  if (value.length < 6) return fn();
  inFlight.set(value, (inFlight.get(value) ?? 0) + 1);
  try {
    return await fn();
  } finally {
    const n = (inFlight.get(value) ?? 1) - 1;
    if (n > 0) inFlight.set(value, n);
    else inFlight.delete(value);
  }
}

/** How many strings are masked now (tests). */
export const maskedCount = () => secrets.size + inFlight.size;

const PATTERNS: [RegExp, string][] = [
  [/([?&](?:api_key|apikey|key|token|access_token)=)[^&#\s"']+/gi, "$1[redacted]"],
  [/(authorization["']?\s*[:=]\s*["']?(?:basic|bearer)\s+)[A-Za-z0-9+/=._~-]+/gi, "$1[redacted]"],
  [/\b(wbk_|tl_)[A-Za-z0-9_-]{6,}/g, "$1[redacted]"],
];

export function scrub(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join("[redacted]");
  for (const s of inFlight.keys()) if (out.includes(s)) out = out.split(s).join("[redacted]");
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, ...(value.cause ? { cause: serialise(value.cause) } : {}) };
  return value;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  let min: Level = "info";
  try {
    min = env().TOUCHLINE_LOG_LEVEL;
  } catch {
    /* env errors are reported elsewhere; keep logging */
  }
  if (ORDER[level] < ORDER[min]) return;
  const entry: Record<string, unknown> = { t: new Date().toISOString(), level, msg };
  for (const [k, v] of Object.entries(fields ?? {})) entry[k] = serialise(v);
  const line = scrub(JSON.stringify(entry));
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
