import {
  FaultState,
  faultsSchema,
  hangUntil,
  parseFaultHeader,
  truncatedBody,
  withoutPaging,
  type Faults,
} from "./faults";

export type SimulatorHandler = (req: Request) => Promise<Response>;

export interface Simulator {
  handler: SimulatorHandler;
  faults: FaultState;
}

/** What every vendor simulator takes; each vendor's options add their own knobs. */
export interface SimulatorOptions<Data> {
  /** Faults injected from the start (more can be set over `/__sandbox/faults`). */
  faults?: Faults;
  /** The key it accepts. */
  apiKey?: string;
  /** The simulator's clock (default `Date.now`): drift items are created at `now()`, rate limits count by it. */
  now?: () => number;
  /** A data set generated before, so several simulators (or tests) share one world. */
  data?: Data;
}

export interface HarnessOptions {
  faults?: Faults;
  /** The vendor's own 429 (headers and body), for injected storms. */
  tooManyRequests(retryAfterSeconds: number): Response;
  /** The vendor's own 401, for a revoked key. */
  unauthorized(): Response;
  /** The vendor's own 5xx. */
  serverError(status: number): Response;
  /** The vendor's own client error (injected 403/422); default a plain-text body. */
  clientError?(status: number): Response;
  /**
   * The simulator proper. `drift` is how many new items to insert before answering a list
   * request. (The `ignorePaging` fault is applied before this: paging parameters are dropped from `url`.)
   */
  serve(req: Request, ctx: { url: URL; drift: number }): Promise<Response>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Wraps a vendor simulator with fault injection and the `/__sandbox/faults` control
 * endpoint (GET the current faults, POST to merge, DELETE to clear).
 */
export function createHarness(o: HarnessOptions): Simulator {
  const faults = new FaultState(o.faults);

  async function handler(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname.endsWith("/__sandbox/faults")) {
      if (req.method === "POST") {
        const parsed = faultsSchema.safeParse(await req.json().catch(() => null));
        if (!parsed.success) return Response.json({ error: parsed.error.issues }, { status: 400 });
        faults.set(parsed.data);
      } else if (req.method === "DELETE") faults.clear();
      return Response.json(faults.current);
    }

    const header = parseFaultHeader(req.headers.get("x-sandbox-fault"));
    const latency = faults.latency(header);
    if (latency > 0) await sleep(latency);

    const decision = faults.before(url.pathname, header, req.method);
    switch (decision.type) {
      case "hang":
        return hangUntil(req.signal);
      case "status429":
        return o.tooManyRequests(decision.retryAfterSeconds);
      case "status5xx":
        return o.serverError(decision.status);
      case "status4xx":
        return (
          o.clientError?.(decision.status) ??
          new Response(`Refused (injected ${decision.status})`, {
            status: decision.status,
            headers: { "content-type": "text/plain; charset=utf-8" },
          })
        );
      case "revoked":
        return o.unauthorized();
    }

    const served = faults.ignoresPaging(url.pathname, header) ? withoutPaging(url) : url;
    const res = await o.serve(req, { url: served, drift: faults.drift(url.pathname, header) });
    if (res.status >= 300) return res;
    const damage = faults.body(url.pathname, header);
    if (!damage) return res;
    const text = await res.text();
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    if (damage === "malformedJson")
      return new Response(text.slice(0, Math.max(1, text.length - 9)) + "{,oops", { status: res.status, headers });
    return new Response(truncatedBody(text), { status: res.status, headers });
  }

  return { handler, faults };
}
