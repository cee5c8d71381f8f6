import { z } from "zod";

/**
 * Fault injection for the simulators. Set at start (`createXSimulator({faults})`), by
 * a test through `POST /__sandbox/faults` (JSON body of this shape, merged), or for one
 * request with the `x-sandbox-fault` header (same JSON). Counters are consumed per
 * request: `{"status429": 3}` answers the next three requests with the vendor's 429.
 */
export const faultsSchema = z.object({
  /** Next N requests answer the vendor's 429 with Retry-After = retryAfterSeconds. */
  status429: z.number().int().min(0).optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  /** Next N requests answer 500 (or `errorStatus`). */
  status5xx: z.number().int().min(0).optional(),
  errorStatus: z.number().int().min(500).max(599).optional(),
  /** Next N requests answer a vendor client error (`clientErrorStatus`, default 422): a refused write, a key without write permission (403). */
  status4xx: z.number().int().min(0).optional(),
  clientErrorStatus: z.number().int().min(400).max(499).optional(),
  /** Only requests with one of these methods are affected (e.g. `["PATCH", "PUT"]`: writes only). */
  methods: z.array(z.string()).optional(),
  /** Added latency on every request, ms. */
  latencyMs: z.number().int().min(0).optional(),
  /** Next N requests never answer (until the client gives up). */
  hang: z.number().int().min(0).optional(),
  /** Next N successful answers have a malformed JSON body. */
  malformedJson: z.number().int().min(0).optional(),
  /** Next N successful answers are cut off half-way and the connection dropped. */
  truncate: z.number().int().min(0).optional(),
  /** Before each list request, insert this many new items (page drift). */
  driftPerRequest: z.number().int().min(0).optional(),
  /** While true, listings ignore their paging parameter and answer the first page again (a vendor regression). */
  ignorePaging: z.boolean().optional(),
  /** Every request answers 401 (key revoked) while true. */
  revokeKey: z.boolean().optional(),
  /** Only requests whose path contains this substring are affected (all by default). */
  pathIncludes: z.string().optional(),
});
export type Faults = z.infer<typeof faultsSchema>;

export type FaultDecision =
  | { type: "none" }
  | { type: "status429"; retryAfterSeconds: number }
  | { type: "status5xx"; status: number }
  | { type: "status4xx"; status: number }
  | { type: "hang" }
  | { type: "revoked" };

export type BodyFault = "malformedJson" | "truncate" | null;

/** Mutable fault state of one simulator. */
export class FaultState {
  private f: Faults;
  constructor(initial: Faults = {}) {
    this.f = { ...initial };
  }
  get current(): Faults {
    return { ...this.f };
  }
  set(next: Faults): void {
    this.f = { ...this.f, ...next };
  }
  clear(): void {
    this.f = {};
  }

  private applies(path: string, f: Faults, method?: string): boolean {
    if (f.methods && method !== undefined && !f.methods.map((m) => m.toUpperCase()).includes(method.toUpperCase()))
      return false;
    return !f.pathIncludes || path.includes(f.pathIncludes);
  }

  private takeCounter(
    f: Faults,
    key: "status429" | "status5xx" | "status4xx" | "hang" | "malformedJson" | "truncate",
    persistent: boolean,
  ): boolean {
    const n = f[key] ?? 0;
    if (n <= 0) return false;
    if (persistent) this.f[key] = n - 1;
    return true;
  }

  /** Decides a request's fate before it is served. `header` is the per-request fault, if any. */
  before(path: string, header: Faults | null, method = "GET"): FaultDecision {
    for (const [f, persistent] of [
      [header, false],
      [this.f, true],
    ] as const) {
      if (!f || !this.applies(path, f, method)) continue;
      if (f.revokeKey) return { type: "revoked" };
      if (this.takeCounter(f, "hang", persistent)) return { type: "hang" };
      if (this.takeCounter(f, "status429", persistent))
        return { type: "status429", retryAfterSeconds: f.retryAfterSeconds ?? 1 };
      if (this.takeCounter(f, "status5xx", persistent)) return { type: "status5xx", status: f.errorStatus ?? 500 };
      if (this.takeCounter(f, "status4xx", persistent))
        return { type: "status4xx", status: f.clientErrorStatus ?? 422 };
    }
    return { type: "none" };
  }

  /** Decides whether a successful body is to be damaged. */
  body(path: string, header: Faults | null): BodyFault {
    for (const [f, persistent] of [
      [header, false],
      [this.f, true],
    ] as const) {
      if (!f || !this.applies(path, f)) continue;
      if (this.takeCounter(f, "malformedJson", persistent)) return "malformedJson";
      if (this.takeCounter(f, "truncate", persistent)) return "truncate";
    }
    return null;
  }

  latency(header: Faults | null): number {
    return (header?.latencyMs ?? 0) + (this.f.latencyMs ?? 0);
  }

  ignoresPaging(path: string, header: Faults | null): boolean {
    const f = header ?? this.f;
    return this.applies(path, f) && f.ignorePaging === true;
  }

  drift(path: string, header: Faults | null): number {
    const f = header ?? this.f;
    return this.applies(path, f) ? (f.driftPerRequest ?? 0) : 0;
  }
}

export function parseFaultHeader(value: string | null): Faults | null {
  if (!value) return null;
  try {
    return faultsSchema.parse(JSON.parse(value));
  } catch {
    return null;
  }
}

/** The query parameters the simulators page with (offset, page, skip, cursor), across vendors. */
export const PAGING_PARAMS = ["page", "offset", "_skip", "skip", "_cursor", "cursor"] as const;

/** `url` as a vendor that ignores paging reads it: every paging parameter dropped. */
export function withoutPaging(url: URL): URL {
  const out = new URL(url);
  for (const p of PAGING_PARAMS) out.searchParams.delete(p);
  return out;
}

/** A body that sends half of `text` and then errors, so the client sees a cut-off connection. */
export function truncatedBody(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const half = bytes.slice(0, Math.max(1, Math.floor(bytes.length / 2)));
  return new ReadableStream({
    start(controller) {
      controller.enqueue(half);
      setTimeout(() => controller.error(new Error("truncated by fault injection")), 5);
    },
  });
}

/** A response promise that never settles unless `signal` aborts (the client gave up). */
export function hangUntil(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener("abort", () => reject(new Error("client went away")), { once: true });
  });
}
